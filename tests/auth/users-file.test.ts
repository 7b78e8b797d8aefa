import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { authorizeCredentials } from '../../server/auth/authorize-credentials';
import { loadUsersFile } from '../../server/auth/users-file';
import { PASSWORD, USERS_FILE } from './helpers';

const dir = mkdtempSync(path.join(tmpdir(), 'nextpress-users-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCRYPT = '$scrypt$ln=10,r=8,p=1$MDEyMzQ1Njc4OWFiY2RlZg$' + 'A'.repeat(43);

function fileWith(text: string): string {
  const file = path.join(dir, `users-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, text);
  return file;
}

describe('loadUsersFile', () => {
  test('the demo file: two users, defaults filled in', () => {
    const users = loadUsersFile(USERS_FILE);
    expect(users.map(({ passwordHash, ...rest }) => rest)).toEqual([
      { username: 'demo', id: 'demo', name: 'Demo User', email: 'demo@example.test', image: null },
      { username: 'ada', id: 'ada', name: 'Ada Lovelace', email: 'ada@example.test', image: null },
    ]);
    expect(users[0].passwordHash.startsWith('$scrypt$')).toBe(true);
    expect(users[1].passwordHash.startsWith('$2b$')).toBe(true);
    expect(Object.isFrozen(users[0])).toBe(true);
  });

  test('an explicit id is kept', () => {
    const file = fileWith(JSON.stringify({ users: [{ username: 'u', id: 'user-1', passwordHash: SCRYPT }] }));
    expect(loadUsersFile(file)[0]).toMatchObject({ username: 'u', id: 'user-1', name: null });
  });

  const fix = 'Store a hash instead: run `npm run auth:hash-password`, type the password, and paste the printed line as "passwordHash".';
  const shape = 'Expected { "users": [{ "username", "passwordHash", "name"?, "email"?, "image"?, "id"? }] } (docs/auth.md).';

  test.each([
    [
      'a plaintext password',
      { users: [{ username: 'bob', passwordHash: 'hunter2' }] },
      "has users[0].passwordHash for 'bob' that is not a scrypt ($scrypt$ln=15,r=8,p=1$…) or bcrypt ($2b$…) hash (passwords are never stored as text). " + fix,
    ],
    [
      'a hash of an unknown kind',
      {
        users: [
          { username: 'a', passwordHash: SCRYPT },
          { username: 'bob', passwordHash: '$argon2id$v=19$x' },
        ],
      },
      "has users[1].passwordHash for 'bob' that is not a scrypt ($scrypt$ln=15,r=8,p=1$…) or bcrypt ($2b$…) hash. " + fix,
    ],
    [
      'a password field instead of a hash',
      { users: [{ username: 'bob', password: 'hunter2' }] },
      `has a "password" for 'bob' (users[0]): passwords are never stored as text. ` + fix,
    ],
    [
      'a missing hash',
      { users: [{ username: 'bob' }] },
      'has a problem at users[0].passwordHash: Invalid input: expected string, received undefined. ' + shape,
    ],
    [
      'an empty username',
      { users: [{ username: '', passwordHash: SCRYPT }] },
      'has a problem at users[0].username: Too small: expected string to have >=1 characters. ' + shape,
    ],
    ['a bare array', [{ username: 'bob', passwordHash: SCRYPT }], 'has a problem at the top level: Invalid input: expected object, received array. ' + shape],
    [
      'a duplicate username',
      {
        users: [
          { username: 'bob', passwordHash: SCRYPT },
          { username: 'bob', passwordHash: SCRYPT },
        ],
      },
      "lists the username 'bob' twice (users[1]). Keep one entry per username.",
    ],
  ])('%s → fails naming the file, the entry and the fix', (_name, json, message) => {
    const file = fileWith(JSON.stringify(json));
    expect(() => loadUsersFile(file)).toThrow(`The users file '${file}' (AUTH_USERS_FILE) ${message}`);
  });

  test('not JSON → names the file and the parse error', () => {
    const file = fileWith('{ users: [] }');
    expect(() => loadUsersFile(file)).toThrow(
      new RegExp(
        `^The users file '${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}' \\(AUTH_USERS_FILE\\) is not JSON \\(.+\\)\\. See docs/auth\\.md for the format\\.$`,
      ),
    );
  });

  test('not JSON, a .env given by mistake → the parse error without the file’s content (it may hold secrets)', () => {
    const file = fileWith('AUTH_SECRET=do-not-print-me\n');
    let message = '';
    try {
      loadUsersFile(file);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/is not JSON \(.+\)\. See docs\/auth\.md for the format\.$/);
    expect(message).not.toMatch(/AUTH_SE|do-not|'A'/);
  });

  test('a missing file → names it', () => {
    const file = path.join(dir, 'nope.json');
    expect(() => loadUsersFile(file)).toThrow(`The users file '${file}' (AUTH_USERS_FILE) cannot be read (ENOENT). Check AUTH_USERS_FILE.`);
  });
});

describe('authorizeCredentials', () => {
  const users = loadUsersFile(USERS_FILE);

  test.each([
    ['the right password (scrypt)', { username: 'demo', password: PASSWORD }, { id: 'demo', name: 'Demo User', email: 'demo@example.test', image: null }],
    ['the right password (bcrypt)', { username: 'ada', password: PASSWORD }, { id: 'ada', name: 'Ada Lovelace', email: 'ada@example.test', image: null }],
    ['a wrong password', { username: 'demo', password: 'nope' }, null],
    ['another user’s password', { username: 'demo', password: `${PASSWORD}!` }, null],
    ['an unknown username', { username: 'nobody', password: PASSWORD }, null],
    ['a username in another case', { username: 'DEMO', password: PASSWORD }, null],
    ['an empty password', { username: 'demo', password: '' }, null],
    ['a password over 1024 characters', { username: 'demo', password: 'x'.repeat(1025) }, null],
    ['a username array', { username: ['demo'], password: PASSWORD }, null],
    ['no fields', {}, null],
    ['undefined', undefined, null],
  ])('%s → %j', async (_name, credentials, expected) => {
    expect(await authorizeCredentials(users, credentials)).toEqual(expected);
  });

  test('an unknown username costs a hash check too (no fast "no such user")', async () => {
    const time = async (username: string) => {
      const started = performance.now();
      await authorizeCredentials(users, { username, password: 'wrong' });
      return performance.now() - started;
    };
    await time('demo');
    const known = await time('demo');
    const unknown = await time('nobody');
    expect(unknown).toBeGreaterThan(known / 4);
  });
});
