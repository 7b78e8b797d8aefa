/**
 * @module hashPassword / verifyPassword: the two password hash formats a users file may hold.
 *
 *   scrypt (default)  $scrypt$ln=15,r=8,p=1$<salt, base64>$<32-byte key, base64>   (PHC string format)
 *   bcrypt            $2a$ / $2b$ / $2y$ + cost + salt and hash, as bcrypt tools write them
 *
 *   hashPassword('pw')                       → '$scrypt$ln=15,r=8,p=1$…$…'  (random salt)
 *   hashPassword('pw', { algorithm: 'bcrypt' }) → '$2b$12$…'
 *   verifyPassword('pw', thatHash)           → true;  verifyPassword('other', thatHash) → false
 *   hashProblem('hunter2')                   → 'is not a scrypt ($scrypt$…) or bcrypt ($2b$…) hash'
 *   hashProblem('$scrypt$ln=40,r=8,p=1$…')   → 'has scrypt cost ln=40 outside 10-20'
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import bcrypt from 'bcryptjs';

export type HashAlgorithm = 'scrypt' | 'bcrypt';

/** About 120 ms per check on one core of a 2020s server: slow for guessing, fine for a sign-in. */
const SCRYPT_DEFAULTS = { ln: 15, r: 8, p: 1 };
const BCRYPT_COST = 12;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

// Base64 with or without padding; passlib's variant writes '.' for '+', which is read too.
const SCRYPT = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/.]+={0,2})\$([A-Za-z0-9+/.]+={0,2})$/;
const BCRYPT = /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/;

interface ScryptHash {
  ln: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

export async function hashPassword(password: string, options: { algorithm?: HashAlgorithm } = {}): Promise<string> {
  if (options.algorithm === 'bcrypt') return bcrypt.hash(password, BCRYPT_COST);
  const { ln, r, p } = SCRYPT_DEFAULTS;
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, { ln, r, p }, KEY_LENGTH);
  return `$scrypt$ln=${ln},r=${r},p=${p}$${unpadded(salt)}$${unpadded(key)}`;
}

/** Constant-time comparison of the derived key; a hash in an unknown format never verifies. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (BCRYPT.test(hash)) return bcrypt.compare(password, hash);
  const parsed = parseScrypt(hash);
  if (typeof parsed === 'string') return false;
  const key = await derive(password, parsed.salt, parsed, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** Why `hash` cannot be used (for messages that name the users file), or undefined when it can. */
export function hashProblem(hash: string): string | undefined {
  if (BCRYPT.test(hash)) return undefined;
  const parsed = parseScrypt(hash);
  return typeof parsed === 'string' ? parsed : undefined;
}

function parseScrypt(hash: string): ScryptHash | string {
  const match = SCRYPT.exec(hash);
  if (match === null) return 'is not a scrypt ($scrypt$ln=15,r=8,p=1$…) or bcrypt ($2b$…) hash';
  const [ln, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Bounds keep a hand-edited file from costing gigabytes or minutes per sign-in.
  if (ln < 10 || ln > 20) return `has scrypt cost ln=${ln} outside 10-20`;
  if (r < 1 || r > 32) return `has scrypt block size r=${r} outside 1-32`;
  if (p < 1 || p > 16) return `has scrypt parallelism p=${p} outside 1-16`;
  const salt = Buffer.from(match[4].replaceAll('.', '+'), 'base64');
  const key = Buffer.from(match[5].replaceAll('.', '+'), 'base64');
  if (salt.length < 8) return 'has a scrypt salt shorter than 8 bytes';
  if (key.length < 16 || key.length > 64) return 'has a scrypt key outside 16-64 bytes';
  return { ln, r, p, salt, key };
}

function derive(password: string, salt: Buffer, cost: { ln: number; r: number; p: number }, length: number): Promise<Buffer> {
  const N = 2 ** cost.ln;
  // scrypt needs 128 * N * r bytes; Node's default ceiling (32 MB) is just too low for ln=15.
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function unpadded(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
