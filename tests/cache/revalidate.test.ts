/**
 * Time-based and on-demand revalidation through real HTTP (in-memory cache, real timers):
 * stale-while-revalidate, one regeneration under concurrency, revalidateTag / revalidatePath,
 * and unstable_cache.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { createApp, createMemoryCache } from 'nextpress';
import type { CacheHandler } from '../../server/cache/cache-handler';
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function get(url: string) {
  const res = await fetch(served.url + url);
  const text = await res.text();
  return { status: res.status, state: res.headers.get('x-nextjs-cache'), cacheControl: res.headers.get('cache-control'), body: JSON.parse(text) };
}

function revalidate(body: object) {
  return fetch(`${served.url}/revalidate-api`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('revalidate = N', () => {
  test("Next's Cache-Control: s-maxage=N, stale-while-revalidate=(one year - N)", async () => {
    const res = await get('/revalidate');
    expect(res.cacheControl).toBe('s-maxage=1, stale-while-revalidate=31535999');
  });

  test('fresh for N seconds, then stale once, then fresh', async () => {
    await revalidate({ path: '/revalidate' }); // start from an empty entry
    const miss = await get('/revalidate');
    expect(miss.state).toBe('MISS');
    const fresh = await get('/revalidate');
    expect(fresh).toMatchObject({ state: 'HIT', body: miss.body });
    await sleep(1100);
    const stale = await get('/revalidate');
    expect(stale.state).toBe('STALE');
    expect(stale.body.count).toBe(fresh.body.count);
    await app.locals.nextpress.cache.settled(); // the background regeneration
    const next = await get('/revalidate');
    expect(next.state).toBe('HIT');
    expect(next.body.count).toBe(stale.body.count + 1);
  });

  test('after() queued inside after() runs in a stale regeneration too (one after() runner for both)', async () => {
    const miss = await get('/after-nested');
    expect(miss).toMatchObject({ state: 'MISS', body: { run: 1 } });
    await app.locals.nextpress.pendingAfter();
    await sleep(1100);
    expect(await get('/after-nested')).toMatchObject({ state: 'STALE', body: { run: 1 } });
    await app.locals.nextpress.pendingAfter(); // the regeneration and its after() work
    expect(await get('/after-nested')).toMatchObject({ state: 'HIT', body: { run: 2 } });
    const ran = await (await fetch(`${served.url}/after-nested-log`)).json();
    expect(ran).toEqual({ ran: ['outer 1', 'inner 1', 'outer 2', 'inner 2'] });
  });

  test('20 concurrent requests after expiry: STALE while ONE regeneration runs, then the new body', async () => {
    const first = await get('/swr');
    expect(first.state).toBe('MISS');
    await sleep(1100);
    const all = await Promise.all(Array.from({ length: 20 }, () => get('/swr')));
    // While the one regeneration runs (500 ms) every request gets the stale body; a request that
    // arrives after it finished gets the new one.
    expect(all.filter((res) => res.state === 'STALE').length).toBeGreaterThanOrEqual(10);
    for (const res of all) {
      if (res.state === 'STALE') expect(res.body.count).toBe(first.body.count);
      else expect(res).toMatchObject({ state: 'HIT', body: { count: first.body.count + 1 } });
    }
    await app.locals.nextpress.cache.settled();
    const after = await get('/swr');
    expect(after.state).toBe('HIT');
    expect(after.body.count).toBe(first.body.count + 1); // exactly one more handler run
  });
});

describe('on demand', () => {
  test('revalidatePath(path): the next request is a MISS with a new body', async () => {
    await get('/error-ok');
    const hit = await get('/error-ok');
    expect(hit.state).toBe('HIT');
    expect((await revalidate({ path: '/error-ok' })).status).toBe(200);
    const after = await get('/error-ok');
    expect(after.state).toBe('MISS');
    expect(after.body.count).toBe(hit.body.count + 1);
  });

  test("revalidatePath('/posts/[id]', 'layout') reaches every path of that route file", async () => {
    await get('/posts/1');
    await get('/posts/2');
    expect((await get('/posts/2')).state).toBe('HIT');
    await revalidate({ path: '/posts/[id]', type: 'layout' });
    expect((await get('/posts/1')).state).toBe('MISS');
    expect((await get('/posts/2')).state).toBe('MISS');
  });

  test('revalidateTag(tag): the unstable_cache data and the route response built on it are both renewed', async () => {
    const first = await get('/tagged');
    const hit = await get('/tagged');
    expect(hit.state).toBe('HIT');
    expect(hit.body).toEqual(first.body);
    await revalidate({ tag: 'posts' });
    const after = await get('/tagged');
    expect(after.state).toBe('MISS');
    expect(after.body).toMatchObject({ renders: first.body.renders + 1, loads: first.body.loads + 1 });
  });

  test("revalidateTag(tag, 'max'): stale once (with a background regeneration), then fresh", async () => {
    await get('/tagged');
    const before = await get('/tagged');
    expect(before.state).toBe('HIT');
    await revalidate({ tag: 'posts', profile: 'max' });
    const stale = await get('/tagged');
    expect(stale.state).toBe('STALE');
    expect(stale.body).toEqual(before.body);
    await app.locals.nextpress.cache.settled();
    const fresh = await get('/tagged');
    expect(fresh.state).toBe('HIT');
    expect(fresh.body.renders).toBe(before.body.renders + 1);
  });

  test('revalidating a tag nothing uses changes nothing', async () => {
    await get('/static');
    await revalidate({ tag: 'nothing-has-this' });
    expect((await get('/static')).state).toBe('HIT');
  });
});

describe('unstable_cache', () => {
  async function data(name: string) {
    const res = await fetch(`${served.url}/data?name=${name}`);
    return { state: res.headers.get('x-nextjs-cache'), body: await res.json() };
  }

  test('memoises per arguments, serves stale once after `revalidate`, then the refreshed value', async () => {
    const first = await data('a');
    expect(first.state).toBeNull(); // the route itself is dynamic
    expect(await data('a')).toEqual(first);
    const other = await data('b');
    expect(other.body).toEqual({ name: 'b', calls: first.body.calls + 1 });
    await sleep(1100);
    expect((await data('a')).body).toEqual(first.body); // stale, refreshed in the background
    await app.locals.nextpress.cache.settled();
    expect((await data('a')).body).toEqual({ name: 'a', calls: other.body.calls + 1 });
  });

  test('revalidateTag reaches the data', async () => {
    const before = await data('c');
    await revalidate({ tag: 'data' });
    expect((await data('c')).body.calls).toBeGreaterThan(before.body.calls);
  });
});

describe('the response waits for its revalidations', () => {
  // A cache handler whose revalidateTag takes 300 ms (a slow shared store): the client must not get
  // the answer before the store has the invalidation, or its next request (to any instance) could
  // still see the old entry.
  const events: string[] = [];
  const memory = createMemoryCache();
  const slow: CacheHandler = {
    ...memory,
    async revalidateTag(tags, expiry) {
      events.push(`revalidateTag ${tags.join(',')} started`);
      await sleep(300);
      await memory.revalidateTag(tags, expiry);
      events.push(`revalidateTag ${tags.join(',')} done`);
    },
  };
  const slowApp = createApp({ routesDir, logger: recordingLogger().logger, cache: slow });
  let slowServed: Served;
  beforeAll(async () => {
    slowServed = await serve(slowApp);
  });
  afterAll(async () => {
    await slowApp.locals.nextpress.pendingAfter();
    await slowServed.close();
  });

  test.each([
    ['an async handler (POST /revalidate-api)', '/revalidate-api'],
    ['a synchronous handler (POST /revalidate-sync)', '/revalidate-sync'],
  ])('%s: answered after revalidateTag settled', async (_name, route) => {
    events.length = 0;
    const started = Date.now();
    const res = await fetch(slowServed.url + route, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tag: 'posts' }),
    });
    events.push(`answered ${res.status}`);
    expect(await res.json()).toEqual({ revalidated: true });
    expect(events).toEqual(['revalidateTag posts started', 'revalidateTag posts done', 'answered 200']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  test('a handler that revalidates nothing is not delayed', async () => {
    events.length = 0;
    const res = await fetch(`${slowServed.url}/plain`);
    expect([res.status, events]).toEqual([200, []]);
  });
});
