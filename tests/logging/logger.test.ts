import { describe, expect, test } from '@jest/globals';
import { createLogger } from '../../server/logging/logger';

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
    const text = out.lines.join('');
    expect(text).not.toContain('s3cr3t');
    expect(text).not.toContain('c00k1e');
    expect(text).toContain('[redacted]');
    expect(text).toContain('text/html');
  });
});
