/**
 * The engine end to end, through real HTTP: the loader's conventions, the method table, the
 * request adapter and the response writer (tests/fixtures/app).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import path from 'node:path';
import http from 'node:http';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { createApp } from 'nextpress';
import { recordingLogger, serve, type Served } from '../helpers/serve';

const routesDir = path.join(__dirname, '../fixtures/app');
const log = recordingLogger();
const app = createApp({ routesDir, logger: log.logger, bodyLimit: 8 * 1024 * 1024 });
let served: Served;

beforeAll(async () => {
  served = await serve(app);
});
afterAll(async () => {
  await served.close();
});

describe('folder conventions', () => {
  test.each([
    ['/users/42', 200, { id: '42', sync: '42' }],
    ['/users/caf%C3%A9', 200, { id: 'café', sync: 'café' }],
    ['/docs/a', 200, { slug: ['a'] }],
    ['/docs/a/b/c', 200, { slug: ['a', 'b', 'c'] }],
    ['/docs/a%2Fb/c', 200, { slug: ['a/b', 'c'] }],
    ['/opt', 200, { hasSlug: false, slug: null }],
    ['/opt/x/y', 200, { hasSlug: true, slug: ['x', 'y'] }],
  ])('GET %s -> %i %j', async (url, status, body) => {
    const res = await request(app).get(url);
    expect(res.status).toBe(status);
    expect(res.body).toEqual(body);
    expect(res.headers['content-type']).toBe('application/json');
  });

  test.each([
    ['/grouped', 200, 'grouped'],
    ['/_underscore', 200, 'literal underscore'],
  ])('GET %s -> %i %s', async (url, status, text) => {
    const res = await request(app).get(url);
    expect(res.status).toBe(status);
    expect(res.text).toBe(text);
  });

  test.each(['/docs', '/(group)/grouped', '/_private/hidden', '/private/hidden', '/Echo', '/ECHO', '/nothing/here'])('GET %s -> 404 JSON', async (url) => {
    const res = await request(app).get(url);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'Not Found' });
  });

  test('malformed percent-encoding answers 400 naming the path', async () => {
    const res = await request(app).get('/users/%ZZ');
    expect(res.status).toBe(400);
    expect(res.body.error).toContain('/users/%ZZ');
  });
});

describe('URL normalisation (as Next does by default)', () => {
  test.each([
    ['GET', '/echo/', '/echo'],
    ['POST', '/echo/', '/echo'],
    ['GET', '/echo/?a=1&b=2', '/echo?a=1&b=2'],
    ['GET', '/echo/?', '/echo'],
    ['GET', '//echo', '/echo'],
    ['GET', '/users//42', '/users/42'],
    // Next's order: repeated slashes and backslashes first, keeping a trailing slash for the next request
    ['DELETE', '/users/42//', '/users/42/'],
    ['GET', '/users//42/?a=1', '/users/42/?a=1'],
    ['GET', '/echo//?', '/echo/'],
    // a backslash is a slash (never sent back as a Location a browser reads as another host)
    ['GET', '/\\evil.example/', '/evil.example/'],
    ['GET', '/\\/evil.example?x=1', '/evil.example?x=1'],
    ['GET', '/users\\42', '/users/42'],
  ])('%s %s -> 308 %s', async (method, url, location) => {
    const res = await rawRequest(method, url);
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe(location);
    // As Next answers it: the location as the body, and Refresh
    expect([res.headers.refresh, res.headers['content-type'], res.body]).toEqual([`0;url=${location}`, undefined, location]);
  });

  test('HEAD /echo/ -> 308 with the headers and no body', async () => {
    const res = await rawRequest('HEAD', '/echo/');
    expect([res.status, res.headers.location, res.headers['content-length'], res.body]).toEqual([308, '/echo', '5', '']);
  });

  test.each([
    ['http://localhost/echo?x=1', '/echo', '?x=1'],
    ['HTTP://127.0.0.1:1/echo', '/echo', ''],
    ['/echo#frag', '/echo', ''],
    ['/echo?x=1#frag', '/echo', '?x=1'],
  ])('GET %s (absolute-form or a fragment) is served as its path: 200', async (target, pathname, search) => {
    const res = await rawRequest('GET', target);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect([body.pathname, body.search, body.url]).toEqual([pathname, search, `${served.url}${pathname}${search}`]);
  });
});

describe('headers Next keeps for itself', () => {
  test('a client’s x-middleware-* / x-matched-path / x-nextjs-data never reach the route; its other headers do', async () => {
    const res = await rawRequest('GET', '/echo', {
      'x-middleware-rewrite': 'http://evil.example/',
      'X-Middleware-Next': '1',
      'x-middleware-override-headers': 'x-a',
      'x-matched-path': '/admin',
      'x-now-route-matches': 'a=1',
      'x-nextjs-data': '1',
      'next-resume': '1',
      'x-middleware-request-x-a': 'kept',
      'x-keep': 'yes',
    });
    expect(res.status).toBe(200);
    const seen = Object.keys(JSON.parse(res.body).headers).filter(
      (name) => !name.startsWith('x-forwarded-') && (name.startsWith('x-') || name.startsWith('next-')),
    );
    expect(seen.sort()).toEqual(['x-keep', 'x-middleware-request-x-a']);
  });
});

describe('method table', () => {
  test('HEAD without a HEAD export runs GET, keeps headers, sends no body', async () => {
    const res = await rawRequest('HEAD', '/head');
    expect(res.status).toBe(200);
    expect(res.headers['x-custom']).toBe('kept');
    expect(res.headers['content-length']).toBe(String('a body that HEAD must not send'.length));
    expect(res.body).toBe('');
  });

  test('HEAD with its own export runs it', async () => {
    const res = await rawRequest('HEAD', '/own-head');
    expect(res.status).toBe(200);
    expect(res.headers['x-from']).toBe('HEAD');
  });

  test('automatic OPTIONS: 204 with a sorted Allow list', async () => {
    const res = await rawRequest('OPTIONS', '/echo');
    expect(res.status).toBe(204);
    expect(res.headers.allow).toBe('DELETE, GET, HEAD, OPTIONS, POST, PUT');
    expect(res.body).toBe('');
  });

  test('OPTIONS of a POST/DELETE-only file lists no GET or HEAD', async () => {
    const res = await rawRequest('OPTIONS', '/post-only');
    expect(res.status).toBe(204);
    expect(res.headers.allow).toBe('DELETE, OPTIONS, POST');
  });

  test('an exported OPTIONS runs instead', async () => {
    const res = await rawRequest('OPTIONS', '/own-options');
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers.allow).toBeUndefined();
  });

  test.each(['GET', 'PUT', 'PATCH', 'HEAD'])('%s on a file that does not export it -> 405, empty, Allow', async (method) => {
    const res = await rawRequest(method, '/post-only');
    expect(res.status).toBe(405);
    expect(res.body).toBe('');
    expect(res.headers.allow).toBe('DELETE, OPTIONS, POST');
    expect(res.headers['content-type']).toBeUndefined();
  });

  test.each(['PROPFIND', 'PURGE', 'LINK'])('unknown method %s -> 400 empty', async (method) => {
    const res = await rawRequest(method, '/echo');
    expect(res.status).toBe(400);
    expect(res.body).toBe('');
  });

  test('a lowercase export is not served (405) and was warned about at start, in Next words', async () => {
    const res = await rawRequest('GET', '/lowercase');
    expect(res.status).toBe(405);
    expect(log.lines.filter((l) => l.level === 'warn').map((l) => l.msg)).toContain(
      "Detected lowercase method 'get' in 'lowercase/route.ts'. Export the uppercase 'GET' method name to fix this error.",
    );
  });
});

describe('request adapter', () => {
  test('URL is absolute; headers pass through; Next adds x-forwarded-* when absent', async () => {
    const res = await fetch(`${served.url}/echo?q=1&q=2`, { headers: { 'x-test': 'yes', accept: 'application/json' } });
    const body = await res.json();
    const port = new URL(served.url).port;
    expect(body.url).toBe(`${served.url}/echo?q=1&q=2`);
    expect(body.pathname).toBe('/echo');
    expect(body.search).toBe('?q=1&q=2');
    expect(body.headers['x-test']).toBe('yes');
    expect(body.headers['x-forwarded-host']).toBe(`127.0.0.1:${port}`);
    expect(body.headers['x-forwarded-port']).toBe(port);
    expect(body.headers['x-forwarded-proto']).toBe('http');
    expect(body.headers['x-forwarded-for']).toBe('127.0.0.1');
  });

  test.each([
    ['?q=a%20b&r=%2B', '?q=a+b&r=%2B'],
    ['?flag', '?flag='],
    ['?x=%ZZ', '?x=%25ZZ'],
    ['?', ''],
    ['?a=1&a=2', '?a=1&a=2'],
    ['?u=%E2%82%AC', '?u=%E2%82%AC'],
  ])('request.url writes the query %s as Next 16 does: %s', async (query, search) => {
    const res = await request(app).get(`/echo${query}`);
    expect(res.body.search).toBe(search);
    expect(res.body.url).toMatch(new RegExp(`/echo${search.replace(/[?+]/g, '\\$&')}$`));
  });

  test('a route with no dynamic segment gets context.params undefined, as in Next', async () => {
    const res = await request(app).get('/echo');
    expect(res.body.paramsType).toBe('undefined');
  });

  test('client-sent x-forwarded-* pass unchanged (proxy not trusted: URL stays local)', async () => {
    const res = await fetch(`${served.url}/echo`, { headers: { 'x-forwarded-host': 'evil.test', 'x-forwarded-proto': 'https' } });
    const body = await res.json();
    expect(body.headers['x-forwarded-host']).toBe('evil.test');
    expect(body.headers['x-forwarded-proto']).toBe('https');
    expect(body.url).toBe(`${served.url}/echo`);
  });

  test('trust proxy: protocol and host come from the proxy headers', async () => {
    const trusting = createApp({ routesDir, logger: log.logger, trustProxy: true });
    const res = await request(trusting).get('/echo').set('x-forwarded-host', 'api.example.test').set('x-forwarded-proto', 'https');
    expect(res.body.url).toBe('https://api.example.test/echo');
  });

  test('POST JSON is read by request.json()', async () => {
    const res = await request(app)
      .post('/echo')
      .send({ a: 1, b: ['x'] });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ received: { a: 1, b: ['x'] } });
  });

  test('malformed JSON: request.json() rejects, answered 400 with the reason', async () => {
    const res = await request(app).post('/echo').set('content-type', 'application/json').send('{"a":');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^Malformed JSON in request body: /);
  });

  test('PUT text is read by request.text()', async () => {
    const res = await request(app).put('/echo').set('content-type', 'text/plain').send('héllo');
    expect(res.status).toBe(200);
    expect(res.text).toBe('text:héllo');
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  test('a 5 MB upload read by arrayBuffer() arrives byte-exact', async () => {
    const bytes = Buffer.alloc(5 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7) % 256;
    const res = await fetch(`${served.url}/upload`, { method: 'POST', body: bytes });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ length: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  });

  test('a 5 MB upload read through request.body (stream) arrives byte-exact', async () => {
    const bytes = Buffer.alloc(5 * 1024 * 1024, 9);
    const res = await fetch(`${served.url}/upload`, { method: 'PUT', body: bytes });
    expect(await res.json()).toEqual({ length: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  });

  test('formData(): urlencoded', async () => {
    const res = await request(app).post('/form').type('form').send({ name: 'Ada', lang: 'en' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: 'Ada', lang: 'en' });
  });

  test('formData(): multipart with a file', async () => {
    const res = await request(app)
      .post('/form')
      .field('title', 'notes')
      .attach('doc', Buffer.from('file body'), { filename: 'a.txt', contentType: 'text/plain' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ title: 'notes', doc: { file: 'a.txt', size: 9, type: 'text/plain', text: 'file body' } });
  });

  test('declared body over the limit: 413 before the handler, connection closed', async () => {
    const res = await rawRequest('POST', '/upload', { 'content-length': String(9 * 1024 * 1024) }, '');
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(res.body).error).toBe(
      'The request body (content-length 9437184) exceeds the limit of 8 MB (BODY_LIMIT). Send a smaller body or raise BODY_LIMIT.',
    );
  });

  test('chunked body streaming past the limit: 413', async () => {
    const res = await rawChunked('/upload', 9 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error).toBe('The request body streamed past the limit of 8 MB (BODY_LIMIT). Send a smaller body or raise BODY_LIMIT.');
  });

  test('a body the handler never reads does not hang the request', async () => {
    const res = await request(app).post('/text-stream').send('x'.repeat(100_000));
    expect(res.status).toBe(200);
    expect(res.text).toBe('ignored the body');
  });

  test("client abort: the handler signal fires and the response stream is cancelled, with Next's ResponseAborted as the reason", async () => {
    const leave = (path: string) =>
      new Promise<void>((resolve, reject) => {
        const req = http.get(`${served.url}${path}`, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', () => {});
        setTimeout(() => reject(new Error('no data')), 2000);
      });
    const aborted = { error: true, name: 'ResponseAborted', message: '' };
    await leave('/abort');
    await new Promise((resolve) => setTimeout(resolve, 150));
    const res = await request(app).post('/abort');
    expect(res.body).toEqual({ aborted: 1, cancelled: 1, reasons: { signal: aborted, cancel: aborted } });
    // The SSE shape: a TransformStream's writer, written on a timer; its pending write rejects with the same error.
    await leave('/abort?via=transform');
    await new Promise((resolve) => setTimeout(resolve, 150));
    const after = await request(app).post('/abort');
    expect(after.body).toEqual({ aborted: 2, cancelled: 1, reasons: { signal: aborted, cancel: aborted, write: aborted } });
  });
});

describe('response writer', () => {
  // NEXTPRESS_NO_FAST_PATH=1 (CI's second run) keeps the platform's Response.
  const light = process.env.NEXTPRESS_NO_FAST_PATH !== '1';
  test(`a route file's global Response is ${light ? 'LightResponse: string bodies kept until read' : "the platform's (NEXTPRESS_NO_FAST_PATH=1)"}; fetch() results still instanceof Response`, async () => {
    const res = await fetch(`${served.url}/light`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      name: light ? 'LightResponse' : 'Response',
      madeLazy: light,
      jsonLazy: light,
      fetchedIsResponse: true,
      madeIsResponse: true,
      jsonType: 'application/json',
    });
  });

  test('each Set-Cookie is its own header; repeated headers are joined', async () => {
    const res = await rawRequest('GET', '/cookies');
    expect(res.headers['set-cookie']).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/; Max-Age=60', 'c=3, with comma; Path=/']);
    expect(res.headers['x-multi']).toBe('one, two');
    expect(res.body).toBe('cookies');
  });

  test('status and statusText', async () => {
    const res = await rawRequest('GET', '/status?code=418');
    expect(res.status).toBe(418);
    expect(res.statusMessage).toBe('Custom Text');
    expect(res.body).toBe('status 418');
  });

  test.each([204, 304])('%i has no body', async (code) => {
    const res = await rawRequest('GET', `/status?code=${code}`);
    expect(res.status).toBe(code);
    expect(res.headers['x-status']).toBe(String(code));
    expect(res.body).toBe('');
  });

  test('DELETE 204', async () => {
    const res = await rawRequest('DELETE', '/echo');
    expect(res.status).toBe(204);
    expect(res.body).toBe('');
  });

  test('streaming: chunks arrive before the stream ends (server-sent events)', async () => {
    const res = await fetch(`${served.url}/stream`);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const arrivals: number[] = [];
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      arrivals.push(Date.now());
      text += new TextDecoder().decode(value);
    }
    expect(text.match(/data: chunk \d/g)).toEqual(['data: chunk 0', 'data: chunk 1', 'data: chunk 2']);
    expect(arrivals.length).toBeGreaterThanOrEqual(3);
    expect(arrivals[arrivals.length - 1] - arrivals[0]).toBeGreaterThanOrEqual(250);
  });

  test('streaming: as in Next, the headers of a slow stream go out with its first chunk, not before', async () => {
    // The route file loaded first (a POST with no stream waiting), so the clock below times the stream alone.
    expect((await fetch(`${served.url}/late-stream`, { method: 'POST' })).status).toBe(204);
    // fetch() resolves on the headers: it must still be waiting while the stream has sent nothing.
    let answered = false;
    const pending = fetch(`${served.url}/late-stream`).then((res) => {
      answered = true;
      return res;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(answered).toBe(false);
    expect((await fetch(`${served.url}/late-stream`, { method: 'POST' })).status).toBe(204);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    expect(await res.text()).toBe('late');
  });

  test('5 MB bodies: bytes (fast path) and stream (pump) arrive intact', async () => {
    for (const method of ['GET', 'POST']) {
      const res = await fetch(`${served.url}/big`, { method });
      const body = new Uint8Array(await res.arrayBuffer());
      expect(body.length).toBe(5 * 1024 * 1024);
      expect(body[251 * 3 + 5]).toBe(5);
      expect(body[body.length - 1]).toBe((body.length - 1) % 251);
    }
  });

  // A body ready in the turn it is returned goes out whole, with a Content-Length (as a string body
  // does); past 64 KB after its first chunk, or later than that turn, it is streamed chunked. [method, kind, length, body]
  test.each([
    ['GET', 'ready', '13', 'one two three'],
    ['GET', 'empty', '0', ''],
    ['HEAD', 'ready', '13', ''],
    ['GET', 'one-big', String(100 * 1024), 'b'.repeat(100 * 1024)],
    ['GET', 'big', undefined, 'a'.repeat(80 * 1024)],
    ['GET', 'text', undefined, 'a string chunk'],
  ])('%s a %s stream -> 200, content-length %s', async (method, kind, length, body) => {
    const res = await rawRequest(method, `/ready-stream?kind=${kind}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.headers['content-length']).toBe(length);
    expect(res.headers['transfer-encoding']).toBe(length === undefined ? 'chunked' : undefined);
    expect(res.body).toBe(body);
  });

  test.each([
    ['GET', 'none', '{"read":"none"}'],
    ['GET', 'clone', '{"read":"clone"}'],
    ['GET', 'stream', '{"read":"stream"}'],
    ['HEAD', 'none', ''],
  ])('%s a NextResponse.json body, read by the handler: %s -> the same bytes and length', async (method, read, body) => {
    const res = await rawRequest(method, `/lazy-body?read=${read}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['x-read']).toBe(read);
    expect(res.headers['content-length']).toBe(String(`{"read":"${read}"}`.length));
    expect(res.body).toBe(body);
  });

  test('HEAD of a stream not ready in its turn: headers at once, no length, no body', async () => {
    const res = await rawRequest('HEAD', '/stream');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream');
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.body).toBe('');
  });

  test('a stream failing before anything was sent answers an empty 500, logged with its file', async () => {
    const before = log.lines.length;
    const res = await rawRequest('GET', '/ready-stream?kind=fail');
    expect(res.status).toBe(500);
    expect(res.headers['content-length']).toBe('0');
    expect(res.headers['content-type']).toBeUndefined();
    expect(res.body).toBe('');
    const logged = log.lines.slice(before).find((l) => l.level === 'error');
    expect(logged?.msg).toBe("Error in the response body of route handler 'ready-stream/route.ts'");
    expect((logged?.obj.err as Error).message).toBe('broke before anything was sent');
  });

  test('a stream failing after its headers went out cuts the connection, logged', async () => {
    const before = log.lines.length;
    const outcome = await new Promise<string>((resolve) => {
      http.get(`${served.url}/ready-stream?kind=late-fail`, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve(`ended:${res.statusCode}:${body}`));
        res.on('error', () => resolve(`cut:${res.statusCode}:${body}`));
        res.on('aborted', () => resolve(`cut:${res.statusCode}:${body}`));
      });
    });
    expect(outcome).toBe('cut:200:sent ');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const logged = log.lines.slice(before).find((l) => l.level === 'error');
    expect((logged?.obj.err as Error).message).toBe('broke after the headers');
  });

  test('a stream failing after data cuts the connection (no clean end)', async () => {
    const outcome = await new Promise<string>((resolve) => {
      http.get(`${served.url}/stream-fail`, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve(`ended:${body}`));
        res.on('error', () => resolve(`cut:${body}`));
        res.on('aborted', () => resolve(`cut:${body}`));
      });
    });
    expect(outcome).toBe('cut:partial body ');
  });
});

describe('errors', () => {
  test.each(['GET', 'POST'])('a handler that throws (%s) answers an empty 500 without content-type, and is logged with its file', async (method) => {
    const before = log.lines.length;
    const res = await rawRequest(method, '/throws');
    expect(res.status).toBe(500);
    expect(res.body).toBe('');
    expect(res.headers['content-type']).toBeUndefined();
    const logged = log.lines.slice(before).find((l) => l.level === 'error');
    expect(logged?.msg).toBe("Error in route handler 'throws/route.ts'");
    expect((logged?.obj.err as Error).message).toBe(`boom from ${method}`);
  });

  test.each([
    ['GET', 'Object'],
    ['POST', 'undefined'],
  ])('a non-Response from %s answers 500 and logs Next message', async (method, type) => {
    const before = log.lines.length;
    const res = await rawRequest(method, '/not-response');
    expect(res.status).toBe(500);
    expect(res.body).toBe('');
    expect(log.lines.slice(before).map((l) => l.msg)).toContain(
      `No response is returned from route handler 'not-response/route.ts'. Expected a Response object but received '${type}' (method: ${method}, url: /not-response). Ensure you return a \`Response\` or a \`NextResponse\` in all branches of your handler.`,
    );
  });

  test('NextResponse.next() and rewrite() from a route handler answer 500 with Next messages', async () => {
    const before = log.lines.length;
    expect((await rawRequest('GET', '/proxy-only')).status).toBe(500);
    expect((await rawRequest('POST', '/proxy-only')).status).toBe(500);
    const messages = log.lines.slice(before).map((l) => l.msg);
    expect(messages).toContain(
      'NextResponse.next() was used in a app route handler, this is not supported. See here for more info: https://nextjs.org/docs/messages/next-response-next-in-app-route-handler',
    );
    expect(messages).toContain(
      'NextResponse.rewrite() was used in a app route handler, this is not currently supported. Please remove the invocation to continue.',
    );
  });

  test('the server keeps serving after errors', async () => {
    const res = await request(app).get('/users/7');
    expect(res.status).toBe(200);
  });
});

interface RawResponse {
  status: number;
  statusMessage: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request (no client-side URL cleaning, any method). */
function rawRequest(method: string, url: string, headers: Record<string, string> = {}, body?: string): Promise<RawResponse> {
  const { hostname, port } = new URL(served.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path: url, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, statusMessage: res.statusMessage!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Streams `size` bytes with chunked encoding; resolves with the response even if the server stops reading. */
function rawChunked(url: string, size: number): Promise<RawResponse> {
  const { hostname, port } = new URL(served.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method: 'POST', path: url }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, statusMessage: res.statusMessage!, headers: res.headers, body: text }));
    });
    req.on('error', (error) => reject(error));
    const chunk = Buffer.alloc(64 * 1024, 1);
    let sent = 0;
    const write = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', write);
          return;
        }
      }
      req.end();
    };
    write();
  });
}
