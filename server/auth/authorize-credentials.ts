/**
 * @module authorizeCredentials: a Credentials provider's `authorize()` over a users file, shared
 * by Auth.js and next-auth. It answers the same way, in about the same time, for an unknown
 * username and for a wrong password, so neither the answer nor the clock tells them apart.
 *
 *   { username: 'demo', password: <right> }  → { id: 'demo', name: 'Demo User', email: 'demo@example.test', image: null }
 *   { username: 'demo', password: <wrong> }  → null
 *   { username: 'nobody', password: 'x' }    → null   (after checking a dummy hash)
 *   { username: ['demo'] } / {} / undefined  → null
 */
import { verifyPassword } from './password-hash';
import type { UserRecord } from './users-file';

export interface AuthorizedUser {
  id: string;
  name: string | null;
  email: string | null;
  image: string | null;
}

/** Valid hashes of a random password nobody knows, verified for unknown usernames (in the file's own algorithm). */
const DUMMY_SCRYPT = '$scrypt$ln=15,r=8,p=1$HTptBZVg0nM33u5tQ8zjPg$nyBSIW2V52lQTlHUEFMvaIwTKo5KukpS8dMeQqin+eY';
const DUMMY_BCRYPT = '$2b$12$sMl2cNtNN9ksgcPwUMhitOE773ElLnt0MgA1aEsoL41Nc58KKO7DC';
/** Longer input is refused before hashing (bcrypt reads 72 bytes; nobody types 1 KB). */
const MAX_LENGTH = 1024;

export async function authorizeCredentials(users: readonly UserRecord[], credentials: unknown): Promise<AuthorizedUser | null> {
  const { username, password } = (credentials ?? {}) as Record<string, unknown>;
  if (typeof username !== 'string' || typeof password !== 'string') return null;
  if (username.length > MAX_LENGTH || password.length > MAX_LENGTH || password === '') return null;
  const user = users.find((candidate) => candidate.username === username);
  const dummy = users[0]?.passwordHash.startsWith('$2') ? DUMMY_BCRYPT : DUMMY_SCRYPT;
  const ok = await verifyPassword(password, user?.passwordHash ?? dummy);
  if (!ok || user === undefined) return null;
  return { id: user.id, name: user.name, email: user.email, image: user.image };
}
