/**
 * A route handler may return the Response of another fetch implementation when it proxies an
 * upstream: node-fetch v3, node-fetch v2 (the `node-fetch-v2` alias) or the platform's fetch.
 * Status, status text, headers (each Set-Cookie on its own, plus cookies().set from the handler)
 * and the streamed body must reach the client intact (tests/fixtures/compat-fetch).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from 'nextpress';
import { recordingLogger, serve, type Served } from '../helpers/serve';

/** 1 MiB of bytes that are the same on every run. */
const BIG = Buffer.alloc(1024 * 1024, 0);
for (let i = 0; i < BIG.length; i++) BIG[i] = (i * 31 + (i >> 8)) & 0xff;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Releases held upstream streams: /stream?hold=<id> sends its first chunk, then waits for this. */
const holds = new Map<string, () => void>();

function upstreamHandler(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://upstream');
  switch (url.searchParams.get('kind')) {
    case 'big':
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(BIG.length) });
      res.end(BIG);
      return;
    case 'missing':
      res.writeHead(404, 'Nothing Here', { 'content-type': 'application/json' });
      res.end('{"error":"no such thing"}');
      return;
    case 'hold': {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first chunk\n');
      holds.set(url.searchParams.get('id') ?? '', () => res.end('second chunk\n'));
      return;
    }
    default:
      res.writeHead(201, 'Made Upstream', [
        ['content-type', 'text/plain; charset=utf-8'],
        ['x-upstream', 'yes'],
        ['x-multi', 'one'],
        ['x-multi', 'two'],
        ['set-cookie', 'u1=a; Path=/; HttpOnly'],
        ['set-cookie', 'u2=b, with a comma; Path=/'],
      ]);
      res.write('one\n');
      setTimeout(() => res.end('two\n'), 20);
  }
}

const upstream = http.createServer(upstreamHandler);
const log = recordingLogger();
const app = createApp({ routesDir: path.join(__dirname, '..', 'fixtures', 'compat-fetch'), logger: log.logger });
let served: Served;

beforeAll(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  process.env.COMPAT_UPSTREAM_URL = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/`;
  served = await serve(app);
});

afterAll(async () => {
  delete process.env.COMPAT_UPSTREAM_URL;
  for (const release of holds.values()) release();
  await served.close();
  upstream.closeAllConnections();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

/** One GET through Node's http client, which shows the raw status line and header list. */
function rawGet(route: string): Promise<{ status: number; statusText: string; headers: IncomingMessage['headers']; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(served.url + route, { agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, statusText: res.statusMessage!, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

describe.each([
  ['node-fetch v3', 'v3', 'node-fetch-v3'],
  ['node-fetch v2', 'v2', 'node-fetch-v2'],
  ['the platform fetch (undici)', 'undici', 'fetch'],
])('a Response from %s', (_name, route, via) => {
  test('status, status text, headers, every Set-Cookie (plus cookies().set) and the body arrive intact', async () => {
    const res = await rawGet(`/${route}`);
    expect(res.status).toBe(201);
    expect(res.statusText).toBe('Made Upstream');
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['x-upstream']).toBe('yes');
    expect(res.headers['x-multi']).toBe('one, two');
    expect(res.headers['set-cookie']).toEqual(['u1=a; Path=/; HttpOnly', 'u2=b, with a comma; Path=/', `via=${via}; Path=/`]);
    expect(res.body.toString('utf8')).toBe('one\ntwo\n');
  });

  test('a 1 MiB binary body arrives byte for byte, with its Content-Length', async () => {
    const res = await rawGet(`/${route}?kind=big`);
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(BIG.length));
    expect(res.body.length).toBe(BIG.length);
    expect(sha256(res.body)).toBe(sha256(BIG));
  });

  test('an upstream error status passes through with its body', async () => {
    const res = await rawGet(`/${route}?kind=missing`);
    expect([res.status, res.statusText, res.headers['content-type'], res.body.toString()]).toEqual([
      404,
      'Nothing Here',
      'application/json',
      '{"error":"no such thing"}',
    ]);
  });

  test('the body is streamed: the first chunk reaches the client while the upstream is still sending', async () => {
    const id = `${route}-${Date.now()}`;
    const response = await fetch(`${served.url}/${route}?kind=hold&id=${id}`);
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('first chunk\n');
    expect(holds.has(id)).toBe(true); // the upstream has not finished: nothing was buffered whole
    holds.get(id)!();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    expect(rest).toBe('second chunk\n');
  });
});
