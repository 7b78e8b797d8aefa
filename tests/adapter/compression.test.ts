/**
 * The `compression` package as createApp middleware (the docs' answer to Next's `compress: true`):
 * a streamed body is flushed through gzip chunk by chunk, as Next's pipe flushes, so a server-sent
 * event reaches the client while the stream is still open.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import compression from 'compression';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { createApp } from '../../server/app';

let server: http.Server;
let base: string;

beforeAll(async () => {
  const app = createApp({ routesDir: path.join(__dirname, '..', 'fixtures', 'compress-app'), middleware: [compression()] });
  await app.locals.nextpress.ready;
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await fetch(`${base}/held`, { method: 'POST' }); // a stream still held (the test failed) ends
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('compression() on a streamed body', () => {
  test('each event arrives gzipped as it is written, before the stream ends', async () => {
    const res = await new Promise<http.IncomingMessage>((resolve) => http.get(`${base}/held`, { headers: { 'accept-encoding': 'gzip' } }, resolve));
    expect([res.statusCode, res.headers['content-encoding'], res.headers['content-type']]).toEqual([200, 'gzip', 'text/event-stream']);
    const gunzip = res.pipe(zlib.createGunzip());
    const first = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the first event did not arrive while the stream was open')), 3000);
      gunzip.once('data', (chunk: Buffer) => {
        clearTimeout(timer);
        resolve(chunk.toString());
      });
    });
    expect(first).toBe('data: first\n\n');
    let rest = '';
    gunzip.on('data', (chunk: Buffer) => (rest += chunk.toString()));
    const ended = new Promise((resolve) => gunzip.once('end', resolve));
    expect(await (await fetch(`${base}/held`, { method: 'POST' })).text()).toBe('released');
    await ended;
    expect(rest).toBe('data: second\n\n');
  });
});
