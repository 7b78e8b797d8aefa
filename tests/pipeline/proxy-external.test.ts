/**
 * proxyExternal against a real upstream over HTTP: the path as the rule built it, the answer's
 * bytes as sent (compressed ones too), hop-by-hop headers, and the upstream that is down or silent.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import express from 'express';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { proxyExternal } from '../../server/pipeline/proxy-external';
import { recordingLogger, serve, type Served } from '../helpers/serve';

const GZIPPED = gzipSync('x'.repeat(10_000));
let upstream: Server;
let base = '';
const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    if (req.url === '/hang') return; // accepts, never answers
    if (req.url === '/gzip') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip', 'content-length': String(GZIPPED.length) });
      res.end(GZIPPED);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain', 'set-cookie': ['a=1', 'b=2'], 'keep-alive': 'timeout=99' });
    res.end(`upstream saw ${req.url}`);
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

/** A server whose every request is proxied to `target(path)`. */
async function proxying(target: (path: string) => string, timeoutMs?: number): Promise<{ served: Served; log: ReturnType<typeof recordingLogger> }> {
  const log = recordingLogger();
  const app = express();
  app.use((req, res) => void proxyExternal(req, res, target(req.url), log.logger, timeoutMs));
  return { served: await serve(app), log };
}

function get(url: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = request({ hostname, port, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('proxyExternal', () => {
  test.each([
    ['/public/../admin?x=1', '/public/../admin?x=1'],
    ['/public/%2E%2E/admin', '/public/%2E%2E/admin'],
    ['?q=1', '/?q=1'],
    ['', '/'],
  ])('the path and query go out as the rule built them: %j -> %j (the upstream decides)', async (tail, expected) => {
    const { served } = await proxying(() => `${base}${tail}`);
    try {
      const response = await get(served.url, '/anything');
      expect([response.status, response.body.toString()]).toEqual([200, `upstream saw ${expected}`]);
      expect(response.headers['set-cookie']).toEqual(['a=1', 'b=2']);
      expect(response.headers['keep-alive']).toBeUndefined(); // hop-by-hop: the upstream's own
    } finally {
      await served.close();
    }
  });

  test('a compressed answer goes back as the upstream sent it (no inflating it here)', async () => {
    const { served } = await proxying(() => `${base}/gzip`);
    try {
      const response = await get(served.url, '/', { 'accept-encoding': 'gzip' });
      expect([response.status, response.headers['content-encoding'], response.headers['content-length']]).toEqual([200, 'gzip', String(GZIPPED.length)]);
      expect(response.body.equals(GZIPPED)).toBe(true);
    } finally {
      await served.close();
    }
  });

  test('hop-by-hop headers, and those the client’s Connection names, stay here; the Host is the upstream’s', async () => {
    const { served } = await proxying(() => `${base}/h`);
    try {
      seen.length = 0;
      await get(served.url, '/', { connection: 'keep-alive, x-secret', 'x-secret': 's', te: 'trailers', 'x-kept': 'k' });
      const sent = seen[0].headers;
      expect([sent['x-secret'], sent.te, sent['x-kept'], sent.host]).toEqual([undefined, undefined, 'k', new URL(base).host]);
      expect(sent['x-forwarded-host']).toBe(new URL(served.url).host);
    } finally {
      await served.close();
    }
  });

  test('an upstream that accepts and never answers: an empty 504 once the timeout passes, logged with the URL', async () => {
    const { served, log } = await proxying(() => `${base}/hang`, 300);
    try {
      const response = await get(served.url, '/');
      expect([response.status, response.body.length]).toEqual([504, 0]);
      expect(log.lines.find((line) => line.level === 'error')?.msg).toBe(`External rewrite to ${base}/hang failed: no answer within 300 ms`);
    } finally {
      await served.close();
    }
  });

  test('an upstream that is down: an empty 502', async () => {
    const { served, log } = await proxying(() => 'http://127.0.0.1:1/x');
    try {
      const response = await get(served.url, '/');
      expect([response.status, response.body.length]).toEqual([502, 0]);
      expect(log.lines.find((line) => line.level === 'error')?.msg).toMatch(/^External rewrite to http:\/\/127\.0\.0\.1:1\/x failed: connect ECONNREFUSED/);
    } finally {
      await served.close();
    }
  });
});
