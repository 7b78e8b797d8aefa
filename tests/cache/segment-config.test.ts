/**
 * Segment config through real HTTP (tests/fixtures/cache-app, in-memory cache): what is cached,
 * what the handler sees, and the headers Next writes.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { createApp } from 'nextpress';
import { recordingLogger, serve, type Served } from '../helpers/serve';

const routesDir = path.join(__dirname, '../fixtures/cache-app');
const log = recordingLogger();
const app = createApp({ routesDir, logger: log.logger });
let served: Served;

beforeAll(async () => {
  served = await serve(app);
});
afterAll(async () => {
  await app.locals.nextpress.pendingAfter();
  await served.close();
});

async function get(url: string, init?: RequestInit) {
  const res = await fetch(served.url + url, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

describe('no segment config', () => {
  test('runs on every request, adds no Cache-Control and no x-nextjs-cache', async () => {
    const first = await get('/plain');
    const second = await get('/plain');
    expect(second.json().count).toBe(first.json().count + 1);
    expect(second.headers.get('cache-control')).toBeNull();
    expect(second.headers.get('x-nextjs-cache')).toBeNull();
  });
});

describe("dynamic = 'force-static'", () => {
  test('computed once, then served from the cache with Next headers', async () => {
    const miss = await get('/static?q=1', { headers: { 'x-test': 'yes', cookie: 'a=1' } });
    expect(miss.status).toBe(200);
    expect(miss.headers.get('x-nextjs-cache')).toBe('MISS');
    expect(miss.headers.get('cache-control')).toBe('s-maxage=31536000');
    const hit = await get('/static?q=2', { headers: { 'x-test': 'other' } });
    expect(hit.headers.get('x-nextjs-cache')).toBe('HIT');
    expect(hit.headers.get('cache-control')).toBe('s-maxage=31536000');
    expect(hit.headers.get('content-type')).toBe('application/json');
    expect(hit.headers.get('content-length')).toBe(String(Buffer.byteLength(hit.text)));
    expect(hit.text).toBe(miss.text);
    expect(hit.json().count).toBe(1);
  });

  test('the handler sees no query, no headers, no cookies, and a localhost:3000 URL (as in Next)', async () => {
    const body = (await get('/static?q=1')).json();
    expect(body).toEqual({
      count: 1,
      url: 'http://localhost:3000/static',
      search: '',
      query: null,
      header: null,
      viaHeaders: null,
      cookies: 0,
      pathname: '/static',
    });
  });

  test('HEAD is answered from the GET entry, without a body', async () => {
    const res = await fetch(`${served.url}/static`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-nextjs-cache')).toBe('HIT');
    expect(await res.text()).toBe('');
  });

  test('with a POST export too, GET is not cached but still stripped', async () => {
    const a = await get('/static-post?q=1', { headers: { 'x-test': 'yes' } });
    const b = await get('/static-post?q=1', { headers: { 'x-test': 'yes' } });
    expect(b.json().count).toBe(a.json().count + 1);
    expect(b.json()).toMatchObject({ query: null, header: null });
    expect(b.headers.get('x-nextjs-cache')).toBeNull();
    expect(b.headers.get('cache-control')).toBeNull();
    const post = await get('/static-post', { method: 'POST', body: 'hello', headers: { 'x-test': 'yes' } });
    expect(post.json()).toEqual({ echo: 'hello', header: null });
    expect(post.headers.get('x-nextjs-cache')).toBeNull();
  });

  test('concurrent cold requests share one handler run', async () => {
    const all = await Promise.all(Array.from({ length: 20 }, () => get('/cold')));
    expect(new Set(all.map((res) => res.json().count))).toEqual(new Set([1]));
    // Those that came while the one run was going wait for it (MISS); one that a loaded machine
    // delays past the run's end finds the stored entry (HIT). None runs the handler again.
    const states = all.map((res) => res.headers.get('x-nextjs-cache'));
    expect(states.filter((state) => state !== 'MISS' && state !== 'HIT')).toEqual([]);
    expect(states).toContain('MISS');
    expect((await get('/cold')).headers.get('x-nextjs-cache')).toBe('HIT');
  });

  test("the handler's own Cache-Control and Set-Cookie are kept", async () => {
    await get('/own-cache-control');
    const hit = await get('/own-cache-control');
    expect(hit.headers.get('x-nextjs-cache')).toBe('HIT');
    expect(hit.headers.get('cache-control')).toBe('public, max-age=5');
    expect(hit.headers.get('set-cookie')).toBe('a=1; Path=/');
    expect(hit.text).toBe('mine');
  });

  test('redirect() is stored as the redirect response', async () => {
    const first = await get('/redirect', { redirect: 'manual' });
    const second = await get('/redirect', { redirect: 'manual' });
    expect(first.status).toBe(307);
    expect(second.status).toBe(307);
    expect(second.headers.get('location')).toBe('/somewhere?n=1');
    expect(second.headers.get('x-nextjs-cache')).toBe('HIT');
  });

  test('a cookie set through next/headers is sent and the response is not stored', async () => {
    const a = await get('/with-cookies');
    const b = await get('/with-cookies');
    expect(a.headers.get('set-cookie')).toContain('seen=1');
    expect(b.headers.get('set-cookie')).toContain('seen=2');
    expect(b.headers.get('x-nextjs-cache')).toBeNull();
  });
});

describe('never cached', () => {
  test.each(['/force-dynamic', '/revalidate-zero', '/no-store', '/connection'])('%s runs every time, without cache headers', async (url) => {
    const a = await get(url);
    const b = await get(url);
    expect(b.json().count).toBe(a.json().count + 1);
    expect(b.headers.get('x-nextjs-cache')).toBeNull();
    expect(b.headers.get('cache-control')).toBeNull();
  });

  test('revalidate = 60 whose handler reads a request header is dynamic (and sees the header)', async () => {
    const a = await get('/auto-dynamic', { headers: { 'x-test': 'one' } });
    const b = await get('/auto-dynamic', { headers: { 'x-test': 'two' } });
    expect(a.json().header).toBe('one');
    expect(b.json()).toEqual({ count: a.json().count + 1, header: 'two' });
    expect(b.headers.get('cache-control')).toBeNull();
    expect(log.lines.some((line) => line.msg.includes('read request-time data (request.headers)'))).toBe(true);
  });

  test('POST is never cached', async () => {
    const res = await get('/revalidate-api', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-nextjs-cache')).toBeNull();
  });

  test('a thrown error is a 500 and is not cached: the next request runs the handler again', async () => {
    const first = await get('/throws');
    expect(first.status).toBe(500);
    const second = await get('/throws');
    expect(second.status).toBe(200);
    expect(second.headers.get('x-nextjs-cache')).toBe('MISS');
    expect((await get('/throws')).headers.get('x-nextjs-cache')).toBe('HIT');
  });

  test('a returned 5xx is not cached', async () => {
    const a = await get('/server-error');
    const b = await get('/server-error');
    expect(b.status).toBe(503);
    expect(b.json().count).toBe(a.json().count + 1);
    expect(b.headers.get('x-nextjs-cache')).toBeNull();
  });
});

describe("dynamic = 'error'", () => {
  test('a handler that reads no request data is cached', async () => {
    await get('/error-ok');
    const hit = await get('/error-ok');
    expect(hit.headers.get('x-nextjs-cache')).toBe('HIT');
    expect(hit.json().count).toBe(1);
  });

  test("reading headers() is Next's error: 500, logged, never cached", async () => {
    const res = await get('/error-bad');
    expect(res.status).toBe(500);
    const line = log.lines.find((entry) => entry.level === 'error' && String((entry.obj.err as Error)?.message).includes('dynamic = "error"'));
    expect((line?.obj.err as Error).message).toBe(
      'Route /error-bad with `dynamic = "error"` couldn\'t be rendered statically because it used `request.headers`.',
    );
    expect((await get('/error-bad')).status).toBe(500);
  });
});

describe('generateStaticParams', () => {
  test('dynamicParams = false: listed params are served (and cached), others are 404', async () => {
    const one = await get('/posts/1');
    expect(one.status).toBe(200);
    expect(one.json().id).toBe('1');
    expect((await get('/posts/1')).headers.get('x-nextjs-cache')).toBe('HIT');
    expect((await get('/posts/2')).status).toBe(200);
    const other = await get('/posts/3');
    expect(other.status).toBe(404);
    expect(other.json()).toEqual({ error: 'Not Found' });
  });

  test('dynamicParams = true (the default): other params run too', async () => {
    expect((await get('/items/1')).json()).toEqual({ id: '1' });
    expect((await get('/items/9')).json()).toEqual({ id: '9' });
  });
});

describe('other segment exports', () => {
  test("runtime = 'edge' and the rest are accepted; edge is logged once", async () => {
    expect((await get('/edge')).text).toBe('edge');
    await get('/edge');
    const lines = log.lines.filter((line) => line.msg.includes("runtime = 'edge'"));
    expect(lines).toHaveLength(1);
    expect(lines[0].msg).toBe("Route 'edge/route.ts' exports runtime = 'edge': nextpress runs every route on Node.js, so it runs there.");
  });
});
