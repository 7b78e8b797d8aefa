import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { createLogger } from '../../server/logging/logger';

const ROOT = path.join(__dirname, '..', '..');

/** Runs `script` (TypeScript, through jiti) in a child process; resolves with its stdout lines and when each arrived (ms after start). */
function runChild(script: string): Promise<Array<{ line: string; at: number }>> {
  return new Promise((resolve, reject) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nextpress-logger-')), 'child.ts');
    fs.writeFileSync(file, script);
    const started = Date.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/jiti/lib/jiti-cli.mjs'), file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const lines: Array<{ line: string; at: number }> = [];
    let rest = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString()).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) lines.push({ line, at: Date.now() - started });
    });
    child.on('error', reject);
    child.on('close', () => {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
      resolve(lines);
    });
  });
}

/** A pino destination that keeps every line it is given. */
function capture() {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line) };
}

describe('createLogger', () => {
  test('production writes one JSON object per line at the configured level', () => {
    const out = capture();
    const logger = createLogger({ nodeEnv: 'production', logLevel: 'warn' }, out);
    logger.info('dropped');
    logger.warn({ route: '/a' }, 'kept');
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0].endsWith('\n')).toBe(true);
    expect(JSON.parse(out.lines[0])).toMatchObject({ level: 40, route: '/a', msg: 'kept' });
    expect(logger.level).toBe('warn');
  });

  test('development writes one readable line without pid or hostname', () => {
    const out = capture();
    const logger = createLogger({ nodeEnv: 'development', logLevel: 'info' }, out);
    logger.info({ detail: { a: 1 } }, 'hello');
    expect(out.lines).toHaveLength(1);
    const line = out.lines[0];
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d\d\d\] INFO: hello {"detail":{"a":1}}\n$/);
    expect(line).not.toContain('pid');
    expect(line).not.toContain('\u001b['); // no colour codes when writing to a given stream
  });

  test('development hides the request field, whose message says it all', () => {
    const out = capture();
    createLogger({ nodeEnv: 'development', logLevel: 'info' }, out).info({ request: { id: 'r1' } }, 'GET / 200 1ms');
    expect(out.lines[0]).toMatch(/INFO: GET \/ 200 1ms\n$/);
  });

  test('silent writes nothing', () => {
    const out = capture();
    const logger = createLogger({ nodeEnv: 'test', logLevel: 'silent' }, out);
    logger.fatal('nothing');
    expect(out.lines).toEqual([]);
    expect(logger.isLevelEnabled('fatal')).toBe(false);
  });

  test.each(['production', 'development'] as const)('%s: authorization, cookie and set-cookie values are redacted', (nodeEnv) => {
    const out = capture();
    const logger = createLogger({ nodeEnv, logLevel: 'info' }, out);
    logger.info({ req: { headers: { authorization: 'Bearer s3cr3t', cookie: 'sid=c00k1e', accept: 'text/html' } } }, 'a');
    logger.info({ headers: { authorization: 'Basic s3cr3t', cookie: 'sid=c00k1e' } }, 'b');
    logger.info({ res: { headers: { 'set-cookie': ['sid=c00k1e'] } } }, 'c');
    // An HTTP client's error (axios-shaped): its request config and response, capitalised names too.
    const error = Object.assign(new Error('Request failed with status code 401'), {
      config: { headers: { Authorization: 'Bearer s3cr3t', Accept: 'application/json' } },
      response: { status: 401, headers: { 'set-cookie': ['sid=c00k1e'], 'Set-Cookie': 'sid=c00k1e' } },
      request: { headers: { cookie: 'sid=c00k1e', 'proxy-authorization': 'Basic s3cr3t' } },
    });
    logger.error({ err: error }, 'd');
    const text = out.lines.join('');
    expect(text).not.toContain('s3cr3t');
    expect(text).not.toContain('c00k1e');
    expect(text).toContain('[redacted]');
    expect(text).toContain('text/html');
    expect(text).toContain('application/json');
  });

  describe('production stdout: nothing lost, nothing held back', () => {
    const setUp = `const { createLogger } = require(${JSON.stringify(path.join(ROOT, 'server/logging/logger.ts'))}); const logger = createLogger({ nodeEnv: 'production', logLevel: 'info' });`;

    test('lines logged right before process.exit() are all written', async () => {
      const lines = await runChild(`${setUp} for (let i = 0; i < 3; i++) logger.info('line ' + i); process.exit(0);`);
      expect(lines.map(({ line }) => JSON.parse(line).msg)).toEqual(['line 0', 'line 1', 'line 2']);
    });

    test('a line logged right before an uncaught exception is written, the stack after it', async () => {
      const lines = await runChild(`${setUp} logger.info('before'); process.nextTick(() => { throw new Error('boom'); });`);
      expect(lines.map(({ line }) => JSON.parse(line).msg)).toEqual(['before']);
    });

    test('a line on a quiet server is written while the process keeps running', async () => {
      // The child logs once, then waits 1.5 s before logging 'last' and exiting: the first line
      // must arrive during that wait, not at exit.
      const lines = await runChild(`${setUp} logger.info('first'); setTimeout(() => { logger.info('last'); process.exit(0); }, 1500);`);
      expect(lines.map(({ line }) => JSON.parse(line).msg)).toEqual(['first', 'last']);
      expect(lines[1].at - lines[0].at).toBeGreaterThan(1000);
    });
  });
});
