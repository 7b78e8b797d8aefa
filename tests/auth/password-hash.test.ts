import { describe, expect, test } from '@jest/globals';
import { scryptSync } from 'node:crypto';
import { hashPassword, hashProblem, verifyPassword } from '../../server/auth/password-hash';

/** A scrypt hash written by hand, as another tool would (ln=10 keeps the test fast). */
function scryptHash(password: string, { ln = 10, dot = false } = {}): string {
  const salt = Buffer.from('0123456789abcdef');
  const key = scryptSync(password, salt, 32, { N: 2 ** ln, r: 8, p: 1 });
  const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');
  const text = `$scrypt$ln=${ln},r=8,p=1$${b64(salt)}$${b64(key)}`;
  return dot ? text.replaceAll('+', '.') : text;
}

describe('hashPassword → verifyPassword', () => {
  test('scrypt (default): PHC string, random salt, verifies only the right password', async () => {
    const first = await hashPassword('correct horse');
    const second = await hashPassword('correct horse');
    expect(first).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('correct horse', first)).toBe(true);
    expect(await verifyPassword('correct horse ', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  test('bcrypt: $2b$12$…, verifies only the right password', async () => {
    const hash = await hashPassword('correct horse', { algorithm: 'bcrypt' });
    expect(hash).toMatch(/^\$2b\$12\$[./A-Za-z0-9]{53}$/);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('Correct horse', hash)).toBe(false);
  });

  test('non-ASCII passwords round-trip', async () => {
    const hash = await hashPassword('mot de passe é 🔑');
    expect(await verifyPassword('mot de passe é 🔑', hash)).toBe(true);
  });
});

describe('verifyPassword on hashes from elsewhere', () => {
  test.each([
    ['scrypt, other cost, standard base64', scryptHash('pw'), true],
    ['scrypt with passlib’s "." for "+"', scryptHash('pw', { dot: true }), true],
    ['plaintext', 'pw', false],
    ['an empty string', '', false],
  ])('%s → %s for the password "pw"', async (_name, hash, expected) => {
    expect(await verifyPassword('pw', hash)).toBe(expected);
  });

  test.each(['$2a$', '$2y$'])('bcrypt written as %s (older tools, PHP) verifies', async (prefix) => {
    const hash = (await hashPassword('pw', { algorithm: 'bcrypt' })).replace('$2b$', prefix);
    expect(await verifyPassword('pw', hash)).toBe(true);
    expect(await verifyPassword('pw2', hash)).toBe(false);
  });
});

describe('hashProblem', () => {
  test.each([
    ['$scrypt$ln=15,r=8,p=1$MDEyMzQ1Njc4OWFiY2RlZg$' + 'A'.repeat(43), undefined],
    ['$2b$12$' + 'a'.repeat(53), undefined],
    ['hunter2', 'is not a scrypt ($scrypt$ln=15,r=8,p=1$…) or bcrypt ($2b$…) hash'],
    ['$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA', 'is not a scrypt ($scrypt$ln=15,r=8,p=1$…) or bcrypt ($2b$…) hash'],
    ['$2b$12$tooshort', 'is not a scrypt ($scrypt$ln=15,r=8,p=1$…) or bcrypt ($2b$…) hash'],
    ['$scrypt$ln=40,r=8,p=1$MDEyMzQ1Njc4OWFiY2RlZg$' + 'A'.repeat(43), 'has scrypt cost ln=40 outside 10-20'],
    ['$scrypt$ln=9,r=8,p=1$MDEyMzQ1Njc4OWFiY2RlZg$' + 'A'.repeat(43), 'has scrypt cost ln=9 outside 10-20'],
    ['$scrypt$ln=15,r=64,p=1$MDEyMzQ1Njc4OWFiY2RlZg$' + 'A'.repeat(43), 'has scrypt block size r=64 outside 1-32'],
    ['$scrypt$ln=15,r=8,p=99$MDEyMzQ1Njc4OWFiY2RlZg$' + 'A'.repeat(43), 'has scrypt parallelism p=99 outside 1-16'],
    ['$scrypt$ln=15,r=8,p=1$c2FsdA$' + 'A'.repeat(43), 'has a scrypt salt shorter than 8 bytes'],
    ['$scrypt$ln=15,r=8,p=1$MDEyMzQ1Njc4OWFiY2RlZg$QUFB', 'has a scrypt key outside 16-64 bytes'],
  ])('%s → %s', (hash, problem) => {
    expect(hashProblem(hash)).toBe(problem);
  });
});
