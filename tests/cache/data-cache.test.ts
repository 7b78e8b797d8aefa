/**
 * Next's fetch data cache through real HTTP: route files (tests/fixtures/data-cache-app) fetch from
 * a local upstream that counts its hits, so every HIT, MISS and refetch is seen in that count.
 * In-memory store, real timers.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { createApp } from '../../server';
import { recordingLogger, serve, type Served } from '../helpers/serve';
import { startUpstream, type Upstream } from '../helpers/upstream';

const routesDir = path.join(__dirname, '../fixtures/data-cache-app');
const log = recordingLogger();
const app = createApp({ routesDir, logger: log.logger });
let served: Served;
let up: Upstream;

beforeAll(async () => {
  up = await startUpstream();
  process.env.DATA_CACHE_UPSTREAM = up.url;
  served = await serve(app);
});
afterAll(async () => {
  await app.locals.nextpress.pendingAfter();
  await served.close();
  await up.close();
  delete process.env.DATA_CACHE_UPSTREAM;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const settled = () => app.locals.nextpress.cache.settled();

async function get(route: string) {
  const res = await fetch(served.url + route);
  const text = await res.text();
  return { status: res.status, state: res.headers.get('x-nextjs-cache'), cacheControl: res.headers.get('cache-control'), json: JSON.parse(text) };
}

function revalidate(body: object) {
  return fetch(`${served.url}/revalidate-api`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('next.revalidate = N', () => {
  test('MISS then HIT: the upstream is asked once; the cached response is what it answered', async () => {
    const first = await get('/revalidate');
    expect(first).toMatchObject({ status: 200, json: { status: 200, upstream: { path: '/count/revalidate', hits: 1 } } });
    expect(first.json.url).toBe(`${up.url}/count/revalidate`);
    const second = await get('/revalidate');
    expect(second.json).toEqual(first.json); // same body, status and url, from the store
    expect(up.hits('/count/revalidate')).toBe(1);
  });

  test('past N: the stale response once more, one background refetch, then the new one', async () => {
    await sleep(1100);
    const stale = await get('/revalidate');
    expect(stale.json.upstream.hits).toBe(1);
    await settled();
    expect(up.hits('/count/revalidate')).toBe(2);
    const fresh = await get('/revalidate');
    expect(fresh.json.upstream.hits).toBe(2);
    expect(up.hits('/count/revalidate')).toBe(2);
  });

  test('10 concurrent first requests: one upstream request, all get its answer', async () => {
    const all = await Promise.all(Array.from({ length: 10 }, () => get('/slow')));
    expect(all.map((r) => r.json.upstream.hits)).toEqual(Array(10).fill(1));
    expect(up.hits('/count/slow')).toBe(1);
  });

  test('10 concurrent requests once stale: all get the stale answer, and ONE refetch runs', async () => {
    await sleep(1100);
    const all = await Promise.all(Array.from({ length: 10 }, () => get('/slow')));
    expect(all.map((r) => r.json.upstream.hits)).toEqual(Array(10).fill(1));
    await settled();
    expect(up.hits('/count/slow')).toBe(2);
    expect((await get('/slow')).json.upstream.hits).toBe(2);
  });

  test('the body is streamed to the handler: its first chunk arrives before the upstream has sent the last', async () => {
    const first = await get('/stream');
    expect(first.json).toEqual({ firstChunk: 'first;', whole: 'first;second', upstreamDoneAtFirstChunk: false });
    const again = await get('/stream');
    expect(again.json).toMatchObject({ firstChunk: 'first;second', whole: 'first;second' }); // one stored chunk
    expect(up.hits('/chunks')).toBe(1);
  });
});

describe('not cached', () => {
  test("a fetch with no options (Next 15/16's default) goes to the upstream every time", async () => {
    expect((await get('/plain')).json.upstream.hits).toBe(1);
    expect((await get('/plain')).json.upstream.hits).toBe(2);
  });

  test("cache: 'no-store' goes to the upstream every time", async () => {
    expect((await get('/no-store')).json.upstream.hits).toBe(1);
    expect((await get('/no-store')).json.upstream.hits).toBe(2);
  });

  test('a fetch outside a request is the platform fetch, untouched', async () => {
    const a = await fetch(`${up.url}/count/outside`, { next: { revalidate: 60 } } as RequestInit);
    const b = await fetch(`${up.url}/count/outside`, { next: { revalidate: 60 } } as RequestInit);
    expect([(await a.json()).hits, (await b.json()).hits]).toEqual([1, 2]);
  });
});

describe("cache: 'force-cache' and tags", () => {
  test('kept until revalidateTag; then the next request fetches again', async () => {
    expect((await get('/force-cache')).json.upstream.hits).toBe(1);
    expect((await get('/force-cache')).json.upstream.hits).toBe(1);
    expect((await revalidate({ tag: 'upstream' })).status).toBe(200);
    expect((await get('/force-cache')).json.upstream.hits).toBe(2);
    expect((await get('/force-cache')).json.upstream.hits).toBe(2);
    expect(up.hits('/count/force-cache')).toBe(2);
  });

  test("revalidateTag(tag, 'max'): the stale answer once more while one refetch runs", async () => {
    expect((await get('/tagged')).json.upstream.hits).toBe(1);
    await revalidate({ tag: 'posts', profile: 'max' });
    expect((await get('/tagged')).json.upstream.hits).toBe(1);
    await settled();
    expect((await get('/tagged')).json.upstream.hits).toBe(2);
  });

  test('revalidatePath of the route that made the fetch expires it (its implicit tags)', async () => {
    expect((await get('/tagged')).json.upstream.hits).toBe(2);
    await revalidate({ path: '/tagged' });
    expect((await get('/tagged')).json.upstream.hits).toBe(3);
  });
});

describe('the key: URL, method, body, headers', () => {
  test('each variant is fetched once; the same variant again is a HIT; traceparent is not part of it', async () => {
    const first = (await get('/keys')).json;
    // A stream body is keyed by its bytes (not as a string, as in Next), read once and sent as those bytes.
    expect(first).toEqual({ get: 1, getAgain: 1, post: 2, postOtherBody: 3, postAgain: 2, header: 4, otherHeader: 5, traceparent: 1, stream: 6 });
    expect((await get('/keys')).json).toEqual(first);
    expect(up.hits('/count/keys')).toBe(6);
    expect(up.bodies('/count/keys')).toEqual(['', 'a', 'b', '', '', 'a']);
  });

  test('a Request input is keyed by its method and body', async () => {
    expect((await get('/request-input')).json.upstream).toMatchObject({ hits: 1, method: 'POST', body: 'x' });
    expect((await get('/request-input')).json.upstream.hits).toBe(1);
  });
});

describe('segment config', () => {
  test("fetchCache = 'default-cache': a fetch with no options is cached", async () => {
    expect((await get('/default-cache')).json.upstream.hits).toBe(1);
    expect((await get('/default-cache')).json.upstream.hits).toBe(1);
  });

  test("fetchCache = 'force-no-store': not cached, even with next.revalidate", async () => {
    expect((await get('/force-no-store')).json.upstream.hits).toBe(1);
    expect((await get('/force-no-store')).json.upstream.hits).toBe(2);
  });

  test("fetchCache = 'only-no-store' with force-cache: Next's error", async () => {
    expect((await get('/only-no-store')).json).toEqual({
      threw: true,
      message: `cache: 'force-cache' used on fetch for ${up.url}/count/only-no-store with 'export const fetchCache = 'only-no-store'`,
    });
    expect(up.hits('/count/only-no-store')).toBe(0);
  });

  test("revalidate = 30 with fetchCache = 'auto': a fetch with no options is stored (another route then HITs it)", async () => {
    expect((await get('/segment-auto')).json.upstream.hits).toBe(1);
    expect((await get('/reader?path=/count/segment-auto')).json.upstream.hits).toBe(1);
    expect(up.hits('/count/segment-auto')).toBe(1);
  });

  test('revalidate = 30 alone: the response is cached, its fetch with no options is not stored', async () => {
    const miss = await get('/segment-plain');
    expect(miss).toMatchObject({ state: 'MISS', json: { upstream: { hits: 1 } } });
    expect((await get('/segment-plain')).state).toBe('HIT');
    expect((await get('/reader?path=/count/segment-plain')).json.upstream.hits).toBe(2);
    expect((await get('/reader?path=/count/segment-plain')).json.upstream.hits).toBe(2);
  });

  test("a fetch's shorter revalidate lowers the response's; its tags are the response's too", async () => {
    const miss = await get('/lowers');
    expect(miss).toMatchObject({ state: 'MISS', cacheControl: 's-maxage=5, stale-while-revalidate=31535995' });
    expect((await get('/lowers')).state).toBe('HIT');
    await revalidate({ tag: 'lowers' });
    const after = await get('/lowers');
    expect(after).toMatchObject({ state: 'MISS', json: { upstream: { hits: 2 } } });
  });

  test('a no-store fetch while the response is made: the route runs on every request from then on', async () => {
    const first = await get('/makes-dynamic');
    const second = await get('/makes-dynamic');
    expect([first.json.upstream.hits, second.json.upstream.hits]).toEqual([1, 2]);
    expect(second.state).toBeNull();
    expect(log.lines.filter((line) => line.msg.startsWith('Route /makes-dynamic read request-time data')).map((line) => line.msg)).toEqual([
      `Route /makes-dynamic read request-time data (revalidate: 0 fetch ${up.url}/count/makes-dynamic /makes-dynamic); it now runs on every request and is not cached.`,
    ]);
  });

  test("dynamic = 'error' with a no-store fetch: 500 and Next's error", async () => {
    const res = await fetch(`${served.url}/error-dynamic`);
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('');
    const line = log.lines.find((entry) => entry.level === 'error' && String((entry.obj.err as Error)?.message).includes('/error-dynamic'));
    expect((line?.obj.err as Error).message).toBe(
      `Route /error-dynamic with \`dynamic = "error"\` couldn't be rendered statically because it used \`revalidate: 0 fetch ${up.url}/count/error-dynamic /error-dynamic\`. See more info here: https://nextjs.org/docs/app/building-your-application/rendering/static-and-dynamic#dynamic-rendering`,
    );
    expect(up.hits('/count/error-dynamic')).toBe(0);
  });
});
