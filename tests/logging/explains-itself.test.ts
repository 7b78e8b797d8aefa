/**
 * explainsItself and the development log: an error whose message names the file, the problem and
 * the fix is logged as that one line (no error object, no stack), once; any other error keeps its
 * stack. Production's JSON keeps every error whole.
 */
import { describe, expect, test } from '@jest/globals';
import { NextpressError } from '../../server/errors';
import { RouteLoadError } from '../../server/loading/route-load-error';
import { consoleLogger } from '../../server/logging/engine-logger';
import { explainsItself } from '../../server/logging/explains-itself';
import { createLogger } from '../../server/logging/logger';

const CONFLICT = new NextpressError(
  "You cannot use different slug names for the same dynamic path ('id' !== 'slug'). Route files: 'api/items/[id]/route.ts' and 'api/items/[slug]/route.ts'. Use one parameter name at this level: rename '[slug]' to '[id]' (or the other way round).",
  { code: 'ROUTE_CONFLICT' },
);
const SYNTAX = new RouteLoadError(
  { problem: "Failed to load route file 'api/bad/route.ts': a syntax error at 'app/api/bad/route.ts:2:14': Missing semicolon.", fix: 'Fix the code there.' },
  new Error('ParseError: Missing semicolon.  \n /srv/app/app/api/bad/route.ts:2:14'),
);
const THROWN = new RouteLoadError(
  { problem: "Failed to load route file 'api/x/route.ts': boom (thrown while loading 'app/api/x/route.ts')." },
  new Error('boom'),
);

describe('explainsItself', () => {
  test.each([
    ['a route conflict', CONFLICT, true],
    ['a bad folder name', new NextpressError('Invalid segment.', { code: 'BAD_SEGMENT' }), true],
    ['a syntax error in a route file', SYNTAX, true],
    ['a route file that throws while loading', THROWN, false],
    [
      "next.config that fails to load (its cause's stack)",
      new NextpressError('Failed to load next.config.mjs', { code: 'NEXT_CONFIG_FAILED', cause: new Error('x') }),
      false,
    ],
    ['a plain Error', new Error('boom'), false],
    ['not an error', 'boom', false],
  ])('%s -> %s', (_name, error, expected) => {
    expect(explainsItself(error)).toBe(expected);
  });
});

function capture() {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line) };
}

describe('the development log', () => {
  test('a conflict: its message, one line, no error object or stack', () => {
    const out = capture();
    createLogger({ nodeEnv: 'development', logLevel: 'info' }, out).error(
      { err: CONFLICT },
      `Reload failed: ${CONFLICT.message} The last good route table keeps serving.`,
    );
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0].replace(/^\[[\d:.]+\] /, '')).toBe(`ERROR: Reload failed: ${CONFLICT.message} The last good route table keeps serving.\n`);
  });

  test('a syntax error in a route file: one line, the message once, the file field kept', () => {
    const out = capture();
    createLogger({ nodeEnv: 'development', logLevel: 'info' }, out).error({ err: SYNTAX, file: 'api/bad/route.ts' }, SYNTAX.message);
    expect(out.lines.map((line) => line.replace(/^\[[\d:.]+\] /, ''))).toEqual([
      'ERROR: Failed to load route file \'api/bad/route.ts\': a syntax error at \'app/api/bad/route.ts:2:14\': Missing semicolon. Fix the code there. The file is loaded again on the next request. {"file":"api/bad/route.ts"}\n',
    ]);
  });

  test('an error that threw keeps its stack', () => {
    const out = capture();
    createLogger({ nodeEnv: 'development', logLevel: 'info' }, out).error({ err: THROWN }, THROWN.message);
    expect(out.lines[0]).toContain('"stack":');
  });

  test('production keeps the error in its JSON line', () => {
    const out = capture();
    createLogger({ nodeEnv: 'production', logLevel: 'info' }, out).error({ err: CONFLICT }, CONFLICT.message);
    expect((JSON.parse(out.lines[0]) as { err: { code: string } }).err.code).toBe('ROUTE_CONFLICT');
  });

  test('the console logger (createApp without a logger): the line, no stack for a conflict', () => {
    const written: string[] = [];
    const original = console.error;
    console.error = (text: string) => void written.push(text);
    try {
      consoleLogger.error({ err: CONFLICT }, CONFLICT.message);
      consoleLogger.error({ err: THROWN }, THROWN.message);
    } finally {
      console.error = original;
    }
    expect(written[0]).toBe(`[nextpress] ${CONFLICT.message}`);
    expect(written[1].startsWith(`[nextpress] ${THROWN.message}\nNextpressError: `)).toBe(true);
  });
});
