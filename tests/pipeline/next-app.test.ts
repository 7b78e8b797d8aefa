/**
 * A Next project served as it is (tests/fixtures/next-app): next.config.mjs (headers, redirects,
 * rewrites with has/missing in the three phases, an external rewrite) and proxy.ts (a guard, a
 * header override, rewrites, a redirect, cookies, a throw, waitUntil), over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { createApp } from 'nextpress';
import { relativeLocation } from '../../server/pipeline/run-proxy';
import { recordingLogger, serve, type Served } from '../helpers/serve';

const fixture = path.join(__dirname, '..', 'fixtures', 'next-app');
let upstream: Server;
let upstreamPort = '';
/** Paths the upstream was asked for. */
const seen: string[] = [];
let served: Served;
let pendingAfter: () => Promise<void>;
let releaseStream: (() => void) | undefined;
let appState: { projectDir: string | undefined; projectFiles(): string[] };
const log = recordingLogger();

beforeAll(async () => {
  // The external destination: answers what it received, streaming the request body back.
  upstream = createServer((req, res) => {
    seen.push(req.url ?? '');
    if (req.url === '/stream') {
      // The first chunk now, the second only once the test has read the first.
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first;');
      releaseStream = () => res.end('second');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': 'yes', 'set-cookie': ['u1=1', 'u2=2'] });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () =>
      res.end(
        JSON.stringify({
          method: req.method,
          url: req.url,
          host: req.headers.host,
          forwardedHost: req.headers['x-forwarded-host'],
          body: Buffer.concat(chunks).toString(),
        }),
      ),
    );
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamPort = String((upstream.address() as AddressInfo).port);
  const app = createApp({ routesDir: path.join(fixture, 'app'), logger: log.logger });
  await app.locals.nextpress.ready;
  pendingAfter = app.locals.nextpress.pendingAfter;
  appState = app.locals.nextpress;
  served = await serve(app);
});

afterAll(async () => {
  await served?.close();
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

const get = (target: string, headers: Record<string, string> = {}) =>
  fetch(served.url + target, { headers: { 'x-upstream-port': upstreamPort, ...headers }, redirect: 'manual' });
const json = async (response: Response) => (await response.json()) as Record<string, unknown>;

describe('next.config.mjs is read once at start', () => {
  test('the function export got the phase and defaultConfig; env is in process.env', async () => {
    // (Read here: under jest, route files run in another realm with their own copy of process.env.)
    expect(process.env.NEXT_APP_GREETING).toBe('hello from phase-production-server');
    expect(process.env.NEXT_APP_DEFAULT_BASE).toBe('""');
  });

  test('the files read are listed on the app state', () => {
    expect(appState.projectDir).toBe(fixture);
    expect(appState.projectFiles()).toEqual(['next.config.mjs', './proxy.ts']);
  });

  test('options with no meaning here are listed once, in one warning', () => {
    const warnings = log.lines.filter((line) => line.level === 'warn' && line.msg.includes('next.config.mjs'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].msg).toBe('next.config.mjs: reactStrictMode, images have no meaning on nextpress (it serves route handlers only) and are ignored');
  });
});

describe('headers()', () => {
  test('matching rules add their headers, params filled in', async () => {
    const response = await get('/api/items/7');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-from-config')).toBe('yes');
    expect(response.headers.get('x-item')).toBe('item-7');
    expect(await json(response)).toMatchObject({ route: 'id', params: { id: '7' } });
  });

  test('a header the route sets too keeps the rule’s value, as in Next; the route’s other headers stay', async () => {
    const response = await get('/api/config-wins');
    expect([response.status, response.headers.get('x-from-config'), response.headers.get('x-own'), await response.text()]).toEqual([
      200,
      'yes',
      'r',
      'own body',
    ]);
  });

  test('they apply to 404s too, not to redirects (as Next 16: its redirects answer without them); other paths get none', async () => {
    const redirect = await get('/old-blog/x');
    expect([redirect.status, redirect.headers.get('location'), redirect.headers.get('x-on-redirect')]).toEqual([308, '/api/posts/x', null]);
    // The trailing-slash 308 neither: '/api/:path*' and '/api/items/:id' both match '/api/items/7'.
    const slash = await get('/api/items/7/?a=1');
    expect([slash.status, slash.headers.get('location'), slash.headers.get('x-item'), slash.headers.get('x-from-config')]).toEqual([
      308,
      '/api/items/7?a=1',
      null,
      null,
    ]);
    const missing = await get('/nowhere');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-from-config')).toBeNull();
  });
});

describe('redirects()', () => {
  test.each([
    ['/old-blog/hello', 308, '/api/posts/hello'],
    ['/old-blog/hello?ref=tw', 308, '/api/posts/hello?ref=tw'],
    ['/temp', 307, '/api/echo'],
    ['/moved?a=1', 301, '/api/echo?a=1&from=moved'],
    ['/guides/a/b', 307, 'https://docs.example.com/a/b'],
    ['/post/12', 307, '/api/posts/12'],
  ])('%s -> %i %s', async (target, status, location) => {
    const response = await get(target);
    expect(response.status).toBe(status);
    expect(response.headers.get('location')).toBe(location);
  });

  test("the answer is Next's: the location as the body, and Refresh on a 308", async () => {
    const permanent = await get('/old-blog/hello');
    expect(permanent.headers.get('refresh')).toBe('0;url=/api/posts/hello');
    expect(await permanent.text()).toBe('/api/posts/hello');
    const temporary = await get('/temp');
    expect(temporary.headers.get('refresh')).toBeNull();
    expect(await temporary.text()).toBe('/api/echo');
  });

  test('a regex param that does not match, or a has that fails, is no redirect', async () => {
    expect((await get('/post/abc')).status).toBe(404);
    expect((await get('/beta')).status).toBe(404);
    const beta = await get('/beta', { cookie: 'beta=on' });
    expect(beta.status).toBe(307);
    expect(beta.headers.get('location')).toBe('/api/echo?beta=1');
  });
});

describe('rewrites(): beforeFiles, afterFiles, fallback', () => {
  test('beforeFiles wins over a route at the same path; request.url stays the one asked for', async () => {
    const body = await json(await get('/api/shadowed?q=1'));
    expect(body).toEqual(expect.objectContaining({ route: 'echo', url: `${served.url}/api/shadowed?q=1` }));
  });

  test('has with a named group captures into the destination', async () => {
    expect(await json(await get('/api/tenant', { 'x-tenant': 'acme' }))).toMatchObject({ route: 'tenant', params: { tenant: 'acme' } });
    // Without the header: no beforeFiles match, no route: the fallback rewrite answers.
    expect(await json(await get('/api/tenant'))).toMatchObject({ route: 'fallback' });
  });

  test('a static route wins over afterFiles; afterFiles wins over a dynamic route', async () => {
    expect(await json(await get('/api/static-wins'))).toMatchObject({ route: 'static-wins' });
    expect(await json(await get('/api/items/special'))).toMatchObject({ route: 'echo' });
    expect(await json(await get('/api/items/3'))).toMatchObject({ route: 'id', params: { id: '3' } });
  });

  test('missing and host conditions', async () => {
    expect(await json(await get('/api/desktop'))).toMatchObject({ route: 'echo' });
    expect(await json(await get('/api/desktop', { 'x-mobile': '1' }))).toMatchObject({ route: 'fallback' });
    expect((await request(served.url).get('/api/by-host').set('host', 'localhost')).body).toMatchObject({ route: 'echo' });
    expect(await json(await get('/api/by-host'))).toMatchObject({ route: 'fallback' });
  });

  test('the route sees the rewritten path in its params', async () => {
    const body = await json(await get('/article/first-post'));
    expect(body).toMatchObject({ route: 'slug', params: { slug: 'first-post' }, url: `${served.url}/article/first-post` });
  });

  test('a destination is normalised as a request path would be', async () => {
    expect(await json(await get('/slashed'))).toMatchObject({ route: 'echo' });
  });

  test('fallback answers paths nothing else matched; others stay 404', async () => {
    expect(await json(await get('/api/no/such/thing'))).toMatchObject({ route: 'fallback' });
    expect((await get('/elsewhere')).status).toBe(404);
  });

  test('an external destination is proxied, query and body streamed', async () => {
    const response = await fetch(`${served.url}/upstream/a/b?x=1`, { method: 'POST', body: 'hello upstream', headers: { 'x-upstream-port': upstreamPort } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-upstream')).toBe('yes');
    expect(response.headers.getSetCookie()).toEqual(['u1=1', 'u2=2']);
    const body = await json(response);
    expect(body).toMatchObject({ method: 'POST', url: '/a/b?x=1', body: 'hello upstream', host: `127.0.0.1:${upstreamPort}` });
    expect(body.forwardedHost).toBe(new URL(served.url).host);
  });
});

test('an external rewrite streams the answer: the first chunk arrives before the upstream ends', async () => {
  const response = await get('/upstream/stream');
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const first = await reader.read();
  expect(new TextDecoder().decode(first.value)).toBe('first;');
  releaseStream!();
  let rest = '';
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
  expect(rest).toBe('second');
});

test('guards (the auth guard of PROTECTED_PATHS plugs in there) run after the proxy and see the rewritten route', async () => {
  const saw: Array<string | undefined> = [];
  const guarded = createApp({
    routesDir: path.join(fixture, 'app'),
    logger: recordingLogger().logger,
    guards: [
      (dispatcher) => (req, _res, next) => {
        saw.push(dispatcher.match(req)?.route.pattern);
        next();
      },
    ],
  });
  await guarded.locals.nextpress.ready;
  expect((await request(guarded).get('/api/proxy-rewrite')).body).toMatchObject({ route: 'id' });
  expect((await request(guarded).get('/api/private')).status).toBe(401); // answered by the proxy: no guard asked
  expect(saw).toEqual(['/api/items/[id]']);
});

describe('proxy.ts', () => {
  test('the guard answers 401 without the token (its own Response, as it is)', async () => {
    const response = await get('/api/private');
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'Unauthorized' });
    expect(response.headers.get('x-from-config')).toBe('yes'); // next.config headers still apply
  });

  test('with the token, the route sees the overridden request headers (and no internal ones)', async () => {
    const response = await get('/api/private', { authorization: 'Bearer secret' });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ route: 'private', user: 'alice', authorization: null });
    expect([...response.headers.keys()].filter((name) => name.startsWith('x-middleware'))).toEqual([]);
  });

  test('headers given to next() replace the request headers; the Host stays', async () => {
    const body = await json(await get('/api/echo?fresh=1', { authorization: 'Bearer x', 'x-tenant': 't' }));
    expect(body).toMatchObject({ route: 'echo', user: 'bob', authorization: null, tenantHeader: null, url: `${served.url}/api/echo?fresh=1` });
  });

  test('rewrite() runs another route; the route sees its params, request.url stays', async () => {
    const response = await get('/api/proxy-rewrite');
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ route: 'id', params: { id: '42' }, url: `${served.url}/api/proxy-rewrite` });
  });

  test('redirect() answers 307 as Next does: a Location on the request’s origin made relative, the location as the body', async () => {
    const response = await get('/api/proxy-redirect');
    expect([response.status, response.headers.get('location'), response.headers.get('content-type'), await response.text()]).toEqual([
      307,
      '/api/echo',
      null,
      '/api/echo',
    ]);
  });

  test('rewrite() to another origin is proxied', async () => {
    const response = await get('/api/proxy-external');
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ method: 'GET', url: '/from-proxy?x=1' });
  });

  test('headers and cookies set on next() are merged onto the route response, the proxy winning a header both set (as in Next)', async () => {
    const response = await get('/api/cookie');
    expect(response.status).toBe(200);
    expect([response.headers.get('x-proxy'), response.headers.get('x-route')]).toEqual(['on', 'r']);
    expect(response.headers.getSetCookie()).toEqual(['seen=1; Path=/', 'route=1; Path=/']);
    expect(await json(response)).toEqual({ route: 'cookie' });
  });

  test('the proxy wins a header over a cached route too, on the MISS and on the HIT written from the cache', async () => {
    for (const state of ['MISS', 'HIT']) {
      const response = await get('/api/cached');
      expect([response.status, response.headers.get('x-nextjs-cache'), response.headers.get('x-proxy'), response.headers.get('x-route')]).toEqual([
        200,
        state,
        'on',
        'r',
      ]);
      expect(await json(response)).toEqual({ route: 'cached' });
    }
  });

  test('one cache entry for every spelling of the URL: /api/%63ached is a HIT of /api/cached', async () => {
    const response = await get('/api/%63ached');
    expect([response.status, response.headers.get('x-nextjs-cache'), await json(response)]).toEqual([200, 'HIT', { route: 'cached' }]);
  });

  test('cookies set on next() are kept when the route answers with redirect() and cookies() of its own', async () => {
    const response = await get('/api/go');
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('/api/echo');
    expect(response.headers.getSetCookie()).toEqual(['seen=1; Path=/', 'r=1; Path=/']);
  });

  test('a throw answers an empty 500, logged naming the file', async () => {
    const response = await get('/api/throw');
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('');
    const line = log.lines.find((entry) => entry.level === 'error' && entry.msg.includes('proxy boom'));
    expect(line?.msg).toBe("Error in proxy file './proxy.ts': proxy boom");
  });

  test('event.waitUntil work runs after the response and is awaited by pendingAfter()', async () => {
    const response = await get('/api/wait');
    expect(response.status).toBe(200);
    expect(seen).not.toContain('/wait-done');
    await pendingAfter();
    expect(seen).toContain('/wait-done');
  });

  test('paths outside the matcher never reach it', async () => {
    // /temp is a redirect: the proxy (matcher /api/:path*) is not asked, so nothing throws.
    expect((await get('/temp')).status).toBe(307);
  });
});

describe('a rewrite chosen by a cookie, onto cached routes', () => {
  test('the first visitor’s variant is filed under its destination, never served to clients without the cookie', async () => {
    const b = await get('/variant', { cookie: 'variant=b' });
    expect([b.status, b.headers.get('x-nextjs-cache'), (await json(b)).variant]).toEqual([200, 'MISS', 'b']);
    const a = await get('/variant');
    expect([a.status, a.headers.get('x-nextjs-cache'), (await json(a)).variant]).toEqual([200, 'MISS', 'a']);
    const again = await get('/variant', { cookie: 'variant=b' });
    expect([again.headers.get('x-nextjs-cache'), (await json(again)).variant]).toEqual(['HIT', 'b']);
    // The destination's own URL is the same entry.
    expect((await get('/api/variant-a')).headers.get('x-nextjs-cache')).toBe('HIT');
  });
});

describe('relativeLocation (Next’s getRelativeURL)', () => {
  test.each([
    ['http://h:3000/api/echo?x=1', 'http://h:3000/a', '/api/echo?x=1'],
    ['/api/echo', 'http://h:3000/a', '/api/echo'],
    ['http://h:3001/api/echo', 'http://h:3000/a', 'http://h:3001/api/echo'],
    ['https://h:3000/x', 'http://h:3000/a', 'https://h:3000/x'],
    ['https://example.com/x#f', 'http://h:3000/a', 'https://example.com/x#f'],
  ])('%s on %s -> %s', (location, requestUrl, expected) => {
    expect(relativeLocation(location, requestUrl)).toBe(expected);
  });
});
