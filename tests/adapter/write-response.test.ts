/**
 * writeResponse (server/adapter/write-response.ts): a LightResponse written from its slot puts on
 * the wire exactly what the same response made by the platform puts there through the Fetch API.
 * One case table; each case is written both ways over real HTTP and the two answers compared,
 * then checked against the expected status, headers and body.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { writeResponse } from '../../server/adapter/write-response';
import { kLazyBody, LightResponse, NativeResponse } from '../../server/next/light-response';

type Make = (R: typeof Response) => Response;
let current: { make: Make; head: boolean; cookies?: string[] } | undefined;
let native = false;
const server = http.createServer((_req, res) => {
  const { make, head, cookies } = current!;
  const response = make(native ? NativeResponse : (LightResponse as unknown as typeof Response));
  writeResponse(res, response, { head, cookies });
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function answer(make: Make, head: boolean, cookies: string[] | undefined, asNative: boolean) {
  current = { make, head, cookies };
  native = asNative;
  const res = await fetch(base, { method: head ? 'HEAD' : 'GET' });
  const headers = [...res.headers].filter(([name]) => name !== 'date' && name !== 'keep-alive' && name !== 'connection');
  return { status: res.status, headers, body: await res.text() };
}

// [name, make, HEAD?, next/headers cookies, expected status, expected headers (besides date/connection), expected body]
const CASES: Array<[string, Make, boolean, string[] | undefined, number, Array<[string, string]>, string]> = [
  [
    'a string',
    (R) => new R('hi'),
    false,
    undefined,
    200,
    [
      ['content-length', '2'],
      ['content-type', 'text/plain;charset=UTF-8'],
    ],
    'hi',
  ],
  [
    'JSON with a status',
    (R) => R.json({ a: 1 }, { status: 201 }),
    false,
    undefined,
    201,
    [
      ['content-length', '7'],
      ['content-type', 'application/json'],
    ],
    '{"a":1}',
  ],
  [
    'headers set after it was made',
    (R) => {
      const r = new R('x', { headers: { 'x-a': '1' } });
      r.headers.set('x-b', '2');
      r.headers.append('set-cookie', 'a=1');
      r.headers.append('set-cookie', 'b=2');
      return r;
    },
    false,
    undefined,
    200,
    [
      ['content-length', '1'],
      ['content-type', 'text/plain;charset=UTF-8'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      ['x-a', '1'],
      ['x-b', '2'],
    ],
    'x',
  ],
  [
    'cookies from next/headers after its own',
    (R) => new R('x', { headers: [['set-cookie', 'own=1']] }),
    false,
    ['extra=2'],
    200,
    [
      ['content-length', '1'],
      ['content-type', 'text/plain;charset=UTF-8'],
      ['set-cookie', 'own=1'],
      ['set-cookie', 'extra=2'],
    ],
    'x',
  ],
  [
    'HEAD keeps the length',
    (R) => new R('four'),
    true,
    undefined,
    200,
    [
      ['content-length', '4'],
      ['content-type', 'text/plain;charset=UTF-8'],
    ],
    '',
  ],
  ['no body, a 204', (R) => new R(null, { status: 204 }), false, undefined, 204, [], ''],
  [
    'plain-object headers in mixed case, the default content-type added (kept as a record)',
    (R) => new R('hi', { headers: { 'X-B': 'two', 'x-a': 'one' } }),
    false,
    undefined,
    200,
    [
      ['content-length', '2'],
      ['content-type', 'text/plain;charset=UTF-8'],
      ['x-a', 'one'],
      ['x-b', 'two'],
    ],
    'hi',
  ],
  [
    'plain-object headers with next/headers cookies',
    (R) => R.json({ a: 1 }, { headers: { 'Cache-Control': 'no-store' } }),
    false,
    ['extra=2'],
    200,
    [
      ['cache-control', 'no-store'],
      ['content-length', '7'],
      ['content-type', 'application/json'],
      ['set-cookie', 'extra=2'],
    ],
    '{"a":1}',
  ],
  [
    'plain-object headers Headers must trim, and a cookie (through Headers)',
    (R) => new R('x', { headers: { 'x-padded': '  v  ', 'Set-Cookie': 'own=1' } }),
    false,
    undefined,
    200,
    [
      ['content-length', '1'],
      ['content-type', 'text/plain;charset=UTF-8'],
      ['set-cookie', 'own=1'],
      ['x-padded', 'v'],
    ],
    'x',
  ],
  [
    'plain-object headers read and changed by the handler before it returns',
    (R) => {
      const r = new R('x', { headers: { 'x-a': '1' } });
      r.headers.set('x-b', '2');
      r.headers.delete('x-a');
      return r;
    },
    false,
    undefined,
    200,
    [
      ['content-length', '1'],
      ['content-type', 'text/plain;charset=UTF-8'],
      ['x-b', '2'],
    ],
    'x',
  ],
  [
    'a body read before it was written',
    (R) => {
      const r = new R('read');
      void r.clone().text();
      return r;
    },
    false,
    undefined,
    200,
    [
      ['content-length', '4'],
      ['content-type', 'text/plain;charset=UTF-8'],
    ],
    'read',
  ],
  [
    'a stream (kept in the slot, sent whole when it ends in one turn)',
    (R) =>
      new R(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('one '));
            controller.enqueue(new TextEncoder().encode('two'));
            controller.close();
          },
        }),
        { headers: { 'content-type': 'text/plain' } },
      ),
    false,
    undefined,
    200,
    [
      ['content-length', '7'],
      ['content-type', 'text/plain'],
    ],
    'one two',
  ],
  [
    'bytes (kept by the platform)',
    (R) => new R(new TextEncoder().encode('bytes'), { status: 202, headers: { 'content-type': 'application/octet-stream' } }),
    false,
    undefined,
    202,
    [
      ['content-length', '5'],
      ['content-type', 'application/octet-stream'],
    ],
    'bytes',
  ],
];

describe('writeResponse: a LightResponse from its slot and the platform Response put the same on the wire', () => {
  test('plain-object headers go out in the order the platform sends them (raw, not re-sorted by a client)', async () => {
    const raw = async (asNative: boolean) => {
      current = { make: (R) => new R('hi', { headers: { 'X-Zed': 'z', 'x-alpha': 'a', Vary: 'accept' } }), head: false };
      native = asNative;
      const res = await new Promise<http.IncomingMessage>((resolve) => http.get(base, resolve));
      res.resume();
      return res.rawHeaders.filter((_, i) => i % 2 === 0).filter((name) => !['Date', 'Connection', 'Keep-Alive'].includes(name));
    };
    const light = await raw(false);
    expect(light).toEqual(await raw(true));
    expect(light).toEqual(['content-type', 'vary', 'x-alpha', 'x-zed', 'content-length']);
  });

  test.each(CASES)('%s', async (_name, make, head, cookies, status, headers, body) => {
    const light = await answer(make, head, cookies, false);
    const platform = await answer(make, head, cookies, true);
    expect(light).toEqual(platform);
    expect(light).toEqual({ status, headers, body });
  });

  test('the string cases are kept in the slot (the fast path is what the table covers)', () => {
    expect((new LightResponse('hi') as unknown as Record<symbol, unknown>)[kLazyBody]).toEqual({
      text: 'hi',
      status: 200,
      headers: undefined,
      record: undefined,
      contentType: 'text/plain;charset=UTF-8',
      real: undefined,
    });
    expect((new LightResponse('hi', { status: 201, headers: { 'X-A': '1' } }) as unknown as Record<symbol, unknown>)[kLazyBody]).toEqual({
      text: 'hi',
      stream: undefined,
      status: 201,
      headers: undefined,
      record: { 'content-type': 'text/plain;charset=UTF-8', 'x-a': '1' },
      contentType: 'text/plain;charset=UTF-8',
      real: undefined,
    });
    expect((new LightResponse(new Uint8Array(1)) as unknown as Record<symbol, unknown>)[kLazyBody]).toBeUndefined();
  });
});
