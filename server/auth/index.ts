/**
 * @module `nextpress/auth`, what route files import (an alias set by the route loader, like
 * next/*): the session of the current request, and the users-file pieces for a next-auth
 * Credentials provider. Nothing here loads Auth.js or next-auth.
 *
 *   import { auth } from 'nextpress/auth';
 *   const session = await auth();   // { user: { name, email, image }, expires } or null
 */
export { auth } from './auth';
export { authorizeCredentials } from './authorize-credentials';
export type { AuthorizedUser } from './authorize-credentials';
export { hashPassword, verifyPassword } from './password-hash';
export type { HashAlgorithm } from './password-hash';
export { loadUsersFile } from './users-file';
export type { UserRecord } from './users-file';
export type { AuthSession } from './types';
