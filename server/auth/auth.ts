/**
 * @module auth(): the session of the request being handled, from anywhere a route handler's code
 * runs, without passing `req` around (Auth.js v5's `auth()`, for either library):
 *
 *   const session = await auth();   // { user: { name, email, image }, expires } or null
 *   outside a request               → throws "`auth` was called outside a request scope. ..."
 *   in an app without auth          → throws, naming the route file and the fix
 */
import { getRequestStore } from '../context';
import { NextpressError } from '../errors';
import { sessionOf } from './request-session';
import type { AuthSession } from './types';

export function auth(): Promise<AuthSession | null> {
  const store = getRequestStore('auth');
  const session = sessionOf(store.req);
  if (session === undefined) {
    throw new NextpressError(
      `auth() was called in '${store.routeFile}', but this app has no auth set up. Pass \`auth\` to createApp (npm start always sets it up); see docs/auth.md.`,
      { code: 'AUTH_NOT_CONFIGURED' },
    );
  }
  return session;
}
