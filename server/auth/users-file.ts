/**
 * @module loadUsersFile: the users a Credentials sign-in accepts (AUTH_USERS_FILE), read and
 * checked once at start-up. Passwords are stored as scrypt or bcrypt hashes, never as text:
 *
 *   {
 *     "$comment": "optional: what these users are for",
 *     "users": [
 *       { "username": "demo", "passwordHash": "$scrypt$ln=15,r=8,p=1$…$…", "name": "Demo User", "email": "demo@example.test" },
 *       { "username": "ada", "passwordHash": "$2b$12$…" }
 *     ]
 *   }
 *
 * `npm run auth:hash-password` prints a hash for a password typed at the prompt. A bad file fails
 * the start naming the file, the entry and the fix.
 */
import { readFileSync } from 'node:fs';
import * as z from '../../config/zod';
import { NextpressError } from '../errors';
import { hashProblem } from './password-hash';

export interface UserRecord {
  /** What the user types to sign in (compared exactly). */
  readonly username: string;
  readonly passwordHash: string;
  /** The session's `user.id`; defaults to the username. */
  readonly id: string;
  readonly name: string | null;
  readonly email: string | null;
  readonly image: string | null;
}

const USER = z.strictObject({
  username: z.string().min(1),
  passwordHash: z.string().min(1),
  id: z.string().min(1).optional(),
  name: z.string().optional(),
  email: z.string().optional(),
  image: z.string().optional(),
});
/** `$comment` lets the file say what it is for (JSON has no comments). */
const FILE = z.strictObject({ $comment: z.string().optional(), users: z.array(USER) });

const HASH_FIX = 'Store a hash instead: run `npm run auth:hash-password`, type the password, and paste the printed line as "passwordHash".';

export function loadUsersFile(file: string): UserRecord[] {
  const fail = (problem: string, fix: string): never => {
    throw new NextpressError(`The users file '${file}' (AUTH_USERS_FILE) ${problem}. ${fix}`, { code: 'BAD_USERS_FILE' });
  };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return fail(`cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, 'Check AUTH_USERS_FILE.');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(`is not JSON (${withoutContent((error as Error).message)})`, 'See docs/auth.md for the format.');
  }
  const plaintext = Array.isArray((json as { users?: unknown })?.users)
    ? (json as { users: unknown[] }).users.findIndex((user) => typeof user === 'object' && user !== null && 'password' in user)
    : -1;
  if (plaintext !== -1) {
    const username = String((json as { users: Array<{ username?: unknown }> }).users[plaintext].username);
    fail(`has a "password" for '${username}' (users[${plaintext}]): passwords are never stored as text`, HASH_FIX);
  }
  const parsed = FILE.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where =
      issue.path.length === 0
        ? 'the top level'
        : issue.path
            .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
            .join('')
            .replace(/^\./, '');
    return fail(
      `has a problem at ${where}: ${issue.message}`,
      'Expected { "users": [{ "username", "passwordHash", "name"?, "email"?, "image"?, "id"? }] } (docs/auth.md).',
    );
  }
  const seen = new Set<string>();
  return parsed.data.users.map((user, index) => {
    const problem = hashProblem(user.passwordHash);
    if (problem !== undefined) {
      const plaintext = !user.passwordHash.startsWith('$') ? ' (passwords are never stored as text)' : '';
      fail(`has users[${index}].passwordHash for '${user.username}' that ${problem}${plaintext}`, HASH_FIX);
    }
    if (seen.has(user.username)) fail(`lists the username '${user.username}' twice (users[${index}])`, 'Keep one entry per username.');
    seen.add(user.username);
    return Object.freeze({
      username: user.username,
      passwordHash: user.passwordHash,
      id: user.id ?? user.username,
      name: user.name ?? null,
      email: user.email ?? null,
      image: user.image ?? null,
    });
  });
}

/**
 * A JSON.parse message without the text it quotes from the file (which may be a .env of secrets, given by mistake):
 *   `Unexpected token 'A', "AUTH_SECRE"... is not valid JSON` -> `Unexpected token, ... is not valid JSON`
 *   `Expected property name or '}' in JSON at position 2`   -> `Expected property name or '}' in JSON at position 2`
 */
function withoutContent(message: string): string {
  return message.replace(/ '.'(?=,)/, '').replace(/"(?:[^"\\]|\\.)*"(?:\.\.\.)?/g, '...');
}
