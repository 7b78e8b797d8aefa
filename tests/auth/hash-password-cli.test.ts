import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { verifyPassword } from '../../server/auth/password-hash';

const ROOT = path.join(__dirname, '../..');

/** What `npm run auth:hash-password -- <args>` runs, with `input` piped to stdin. */
function run(args: string[], input: string) {
  const jiti = path.join(ROOT, 'node_modules/jiti/lib/jiti-cli.mjs');
  const child = spawnSync(process.execPath, [jiti, 'server/auth/hash-password-cli.ts', ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 20_000 });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

const USAGE = 'Usage: npm run auth:hash-password [-- --bcrypt]   (the password is read from the prompt or stdin)';

describe('npm run auth:hash-password', () => {
  test('a password on stdin → one scrypt hash line that verifies it', async () => {
    const { code, stdout, stderr } = run([], 'pass phrase\n');
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+\n$/);
    expect(await verifyPassword('pass phrase', stdout.trim())).toBe(true);
  });

  test('--bcrypt → a $2b$ hash that verifies it', async () => {
    const { code, stdout } = run(['--bcrypt'], 'pass phrase');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\$2b\$12\$/);
    expect(await verifyPassword('pass phrase', stdout.trim())).toBe(true);
  });

  test('an empty password → exit 1, nothing on stdout', () => {
    expect(run([], '\n')).toEqual({ code: 1, stdout: '', stderr: `The password is empty; nothing was printed. ${USAGE}\n` });
  });

  test('an unknown option (a password on the command line is refused) → exit 2', () => {
    expect(run(['hunter2'], '')).toEqual({ code: 2, stdout: '', stderr: `Unknown option hunter2. ${USAGE}\n` });
  });
});
