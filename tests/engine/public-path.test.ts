/**
 * The response writer without its fast path: only the public Fetch API (headers.forEach,
 * getSetCookie, the body stream). This is the path every response takes on Node 24, whose undici
 * keeps a Response's state in private fields, and on any undici the start-up probe does not
 * recognise. Forced here with NEXTPRESS_NO_FAST_PATH=1, so CI on Node 20 covers it; the wire
 * must be byte for byte what the fast path sends (tests/engine/serving.test.ts).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import http from 'node:http';
import path from 'node:path';
import type { Served } from '../helpers/serve';

// Before the engine is loaded: the writer decides once, at import.
process.env.NEXTPRESS_NO_FAST_PATH = '1';
const { createApp } = require('../../server') as typeof import('../../server');
const { usesFastPath } = require('../../server/adapter/write-response') as typeof import('../../server/adapter/write-response');
const { serve, recordingLogger } = require('../helpers/serve') as typeof import('../helpers/serve');

const app = createApp({ routesDir: path.join(__dirname, '../fixtures/app'), logger: recordingLogger().logger });
let served: Served;

beforeAll(async () => {
  served = await serve(app);
});
afterAll(async () => {
  await served.close();
});

interface Answer {
  status: number;
  statusMessage: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function send(method: string, url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${served.url}${url}`, { method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, statusMessage: res.statusMessage!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the public path (NEXTPRESS_NO_FAST_PATH=1)', () => {
  test('is the path under test', () => {
    expect(usesFastPath).toBe(false);
  });

  // [method, url, status, content-type, content-length, body]
  test.each([
    ['GET', '/head', 200, 'text/plain', '30', 'a body that HEAD must not send'],
    ['HEAD', '/head', 200, 'text/plain', '30', ''],
    ['GET', '/users/42', 200, 'application/json', '23', '{"id":"42","sync":"42"}'],
    ['GET', '/lazy-body?read=none', 200, 'application/json', '15', '{"read":"none"}'],
    ['GET', '/lazy-body?read=stream', 200, 'application/json', '17', '{"read":"stream"}'],
    ['GET', '/ready-stream?kind=ready', 200, 'text/plain', '13', 'one two three'],
    ['GET', '/status?code=418', 418, 'text/plain;charset=UTF-8', '10', 'status 418'],
    ['GET', '/status?code=204', 204, undefined, undefined, ''],
  ])('%s %s -> %i, %s, length %s', async (method, url, status, type, length, body) => {
    const res = await send(method, url);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['content-length']).toBe(length);
    expect(res.headers['transfer-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe(body);
  });

  test('status text, each Set-Cookie on its own, repeated headers joined', async () => {
    const cookies = await send('GET', '/cookies');
    expect(cookies.headers['set-cookie']).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/; Max-Age=60', 'c=3, with comma; Path=/']);
    expect(cookies.headers['x-multi']).toBe('one, two');
    expect(cookies.body.toString()).toBe('cookies');
    expect((await send('GET', '/status?code=418')).statusMessage).toBe('Custom Text');
  });

  test('5 MB of bytes goes out whole with its length, byte-exact', async () => {
    const res = await send('GET', '/big');
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(5 * 1024 * 1024));
    expect(res.body.length).toBe(5 * 1024 * 1024);
    expect(res.body[251 * 3 + 5]).toBe(5);
    expect(res.body[res.body.length - 1]).toBe((res.body.length - 1) % 251);
  });
});
