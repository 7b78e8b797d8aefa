import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { pino } from 'pino';
import { createLogger } from '../../server/logging/logger';
import { type RequestLine, requestLineWriter } from '../../server/logging/request-line-writer';
import { turnBatchedDestination } from '../../server/logging/turn-batched-destination';

function capture() {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line) };
}

beforeEach(() => {
  jest.spyOn(Date, 'now').mockReturnValue(1_796_000_000_123);
});
afterEach(() => {
  jest.restoreAllMocks();
});

describe('requestLineWriter', () => {
  // Each line written by the fast path must be byte for byte what pino's info() writes.
  test.each<[string, RequestLine, string]>([
    ['a plain GET', { id: 'r1', method: 'GET', path: '/a', status: 200, ms: 1.5 }, 'GET /a 200 1.5ms'],
    ['an aborted stream', { id: 'r2', method: 'GET', path: '/stream', status: 200, ms: 30, aborted: true }, 'GET /stream 200 30ms (aborted)'],
    ['a UUID id, zero ms', { id: '0b6f0c3e-8d7e-4b8e-9a55-3f1c2d4e5f60', method: 'DELETE', path: '/', status: 204, ms: 0 }, 'DELETE / 204 0ms'],
    ['quotes and backslashes in the path', { id: 'r3', method: 'GET', path: '/a"b\\c', status: 404, ms: 0.1 }, 'GET /a"b\\c 404 0.1ms'],
    ['latin-1 and control characters', { id: 'r4', method: 'GET', path: '/caf\u00e9/\u007f/\u0001', status: 400, ms: 2 }, 'GET /caf\u00e9 400 2ms'],
    ['line separators and emoji', { id: 'r5', method: 'POST', path: '/\u2028/\u{1f600}', status: 500, ms: 12.3 }, 'POST / 500 12.3ms'],
    ['a lone surrogate', { id: 'r6', method: 'GET', path: '/\ud800', status: 200, ms: 1 }, 'GET /\ud800 200 1ms'],
    ['a long path', { id: 'r7', method: 'GET', path: `/${'x'.repeat(6000)}`, status: 200, ms: 1 }, 'GET /x 200 1ms'],
  ])('%s: the same bytes as info()', (_name, request, msg) => {
    const fast = capture();
    requestLineWriter(createLogger({ nodeEnv: 'production', logLevel: 'info' }, fast))(request, msg);
    const slow = capture();
    createLogger({ nodeEnv: 'production', logLevel: 'info' }, slow).info({ request }, msg);
    expect(fast.lines).toHaveLength(1);
    expect(fast.lines).toEqual(slow.lines);
    expect(JSON.parse(fast.lines[0])).toEqual({ level: 30, time: 1_796_000_000_123, pid: process.pid, hostname: expect.any(String), request, msg });
  });

  test("a child of createLogger's logger, or any other pino logger, goes through info(): its msgPrefix and bindings are kept", () => {
    const out = capture();
    const child = createLogger({ nodeEnv: 'production', logLevel: 'info' }, out).child({ service: 'api' }, { msgPrefix: '[api] ' });
    requestLineWriter(child)({ id: 'r1', method: 'GET', path: '/a', status: 200, ms: 1 }, 'GET /a 200 1ms');
    const other = pino({ base: null, timestamp: false }, out);
    requestLineWriter(other)({ id: 'r2', method: 'GET', path: '/b', status: 201, ms: 2 }, 'GET /b 201 2ms');
    expect(out.lines.map((line) => JSON.parse(line))).toEqual([
      {
        level: 30,
        time: 1_796_000_000_123,
        pid: process.pid,
        hostname: expect.any(String),
        service: 'api',
        request: { id: 'r1', method: 'GET', path: '/a', status: 200, ms: 1 },
        msg: '[api] GET /a 200 1ms',
      },
      { level: 30, request: { id: 'r2', method: 'GET', path: '/b', status: 201, ms: 2 }, msg: 'GET /b 201 2ms' },
    ]);
  });

  test('the stream is told the level: after a warning, a request line is still held to the end of the turn', async () => {
    const writes: string[] = [];
    const logger = createLogger({ nodeEnv: 'production', logLevel: 'info' }, turnBatchedDestination({ write: (text) => void writes.push(text) }));
    logger.warn('disk almost full');
    requestLineWriter(logger)({ id: 'r1', method: 'GET', path: '/a', status: 200, ms: 1 }, 'GET /a 200 1ms');
    expect(writes.map((text) => JSON.parse(text).msg)).toEqual(['disk almost full']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes.map((text) => JSON.parse(text).msg)).toEqual(['disk almost full', 'GET /a 200 1ms']);
  });
});
