/**
 * The Redis cache handler against a real redis-server this suite starts (free port, no
 * persistence) and stops: two app instances sharing one Redis see each other's entries and
 * invalidations, responses and fetch data-cache entries alike. Without redis-server on the machine
 * the suite is skipped, and says so.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import Redis from 'ioredis';
import { createApp } from 'nextpress';
import type { CacheHandler } from '../../server/cache/cache-handler';
import { createRedisCache } from '../../server/cache/redis-cache';
import { recordingLogger, serve, type Served } from '../helpers/serve';
import { startUpstream } from '../helpers/upstream';

const routesDir = path.join(__dirname, '../fixtures/cache-app');
const available = spawnSync('sh', ['-c', 'command -v redis-server']).status === 0;
if (!available) {
  console.warn('tests/cache/redis.test.ts SKIPPED: redis-server is not installed (Debian: apt-get install redis-server; .ci/run installs it).');
}
const describeWithRedis = available ? describe : describe.skip;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const client = new Redis(port, '127.0.0.1', { lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: 0 });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await client.connect();
      await client.ping();
      break;
    } catch (error) {
      client.disconnect();
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`redis-server did not start on port ${port}: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  client.disconnect();
  return child;
}

interface Instance {
  handler: CacheHandler;
  app: ReturnType<typeof createApp>;
  served: Served;
}

describeWithRedis('Redis cache handler', () => {
  const log = recordingLogger();
  let redisProcess: ChildProcess | undefined;
  let url = '';
  const instances: Instance[] = [];
  const handlers: CacheHandler[] = [];

  async function instance(prefix: string, dir = routesDir): Promise<Instance> {
    const handler = createRedisCache({ url, prefix, logger: log.logger });
    handlers.push(handler);
    await handler.ready?.();
    const app = createApp({ routesDir: dir, logger: log.logger, cache: handler });
    const made = { handler, app, served: await serve(app) };
    instances.push(made);
    return made;
  }

  async function get(at: Instance, route: string) {
    const res = await fetch(at.served.url + route);
    return { status: res.status, state: res.headers.get('x-nextjs-cache'), cacheControl: res.headers.get('cache-control'), body: await res.json() };
  }

  function revalidate(at: Instance, body: object) {
    return fetch(`${at.served.url}/revalidate-api`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  beforeAll(async () => {
    const port = await freePort();
    redisProcess = await startRedis(port);
    url = `redis://127.0.0.1:${port}`;
  }, 15_000);

  afterAll(async () => {
    for (const { app, served } of instances) {
      await app.locals.nextpress.pendingAfter();
      await served.close();
    }
    for (const handler of handlers) await handler.close?.();
    if (redisProcess !== undefined && redisProcess.exitCode === null) {
      const exited = new Promise((resolve) => redisProcess!.once('exit', resolve));
      redisProcess.kill('SIGTERM');
      await exited;
    }
  });

  test('stores and reads back an entry: status, headers (cookies as a list), bytes, times, key expiry', async () => {
    const handler = createRedisCache({ url, prefix: 'unit:' });
    handlers.push(handler);
    await handler.ready?.();
    const body = Buffer.from([0, 1, 2, 255]);
    const now = Date.now();
    await handler.set('k', {
      status: 201,
      headers: ['content-type', 'application/octet-stream', 'set-cookie', ['a=1', 'b=2']],
      body,
      tags: ['t1'],
      createdAt: now,
      staleAt: now + 1000,
      expireAt: now + 60_000,
    });
    expect(await handler.get('k')).toEqual({
      status: 201,
      headers: ['content-type', 'application/octet-stream', 'set-cookie', ['a=1', 'b=2']],
      body,
      tags: ['t1'],
      createdAt: now,
      staleAt: now + 1000,
      expireAt: now + 60_000,
    });
    const probe = new Redis(url);
    const ttl = await probe.pttl('unit:e:k');
    probe.disconnect();
    expect(ttl).toBeGreaterThan(50_000);
    expect(await handler.get('missing')).toBeUndefined();
    await handler.revalidateTag(['t1'], { expire: 30 });
    const stale = await handler.get('k');
    expect(stale?.staleAt).toBe(0);
    expect(stale!.expireAt!).toBeLessThanOrEqual(Date.now() + 30_000);
    await handler.revalidateTag(['t1']);
    expect(await handler.get('k')).toBeUndefined();
  });

  test('two instances share entries: a MISS on one is a HIT on the other', async () => {
    const a = await instance('shared:');
    const b = await instance('shared:');
    const miss = await get(a, '/static');
    expect(miss.state).toBe('MISS');
    const hit = await get(b, '/static');
    expect(hit.state).toBe('HIT');
    expect(hit.cacheControl).toBe('s-maxage=31536000');
    expect(hit.body).toEqual(miss.body);
  });

  test('revalidateTag on one instance is seen by the other', async () => {
    const [a, b] = instances;
    const first = await get(a, '/tagged');
    expect((await get(b, '/tagged')).state).toBe('HIT');
    expect((await revalidate(a, { tag: 'posts' })).status).toBe(200);
    const after = await get(b, '/tagged');
    expect(after.state).toBe('MISS');
    expect(after.body.nonce).not.toBe(first.body.nonce);
    expect((await get(a, '/tagged')).state).toBe('HIT');
  });

  test('revalidatePath on one instance is seen by the other', async () => {
    const [a, b] = instances;
    await get(b, '/error-ok');
    expect((await get(a, '/error-ok')).state).toBe('HIT');
    await revalidate(b, { path: '/error-ok' });
    expect((await get(a, '/error-ok')).state).toBe('MISS');
  });

  test("revalidateTag(tag, 'max') on one instance: the other serves it STALE once, regenerates, then HIT", async () => {
    const [a, b] = instances;
    await get(a, '/tagged');
    const before = await get(b, '/tagged');
    expect(before.state).toBe('HIT');
    await revalidate(a, { tag: 'posts', profile: 'max' });
    const stale = await get(b, '/tagged');
    expect(stale.state).toBe('STALE');
    expect(stale.body).toEqual(before.body);
    await b.app.locals.nextpress.cache.settled();
    const fresh = await get(a, '/tagged');
    expect(fresh.state).toBe('HIT');
    expect(fresh.body.nonce).not.toBe(before.body.nonce);
  });

  test('revalidate = N across instances: fresh, then STALE on the other instance, then the new body for both', async () => {
    const [a, b] = instances;
    await revalidate(a, { path: '/revalidate' });
    const miss = await get(a, '/revalidate');
    expect(miss.state).toBe('MISS');
    expect(miss.cacheControl).toBe('s-maxage=1, stale-while-revalidate=31535999');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const stale = await get(b, '/revalidate');
    expect(stale).toMatchObject({ state: 'STALE', body: miss.body });
    await b.app.locals.nextpress.cache.settled();
    const fresh = await get(a, '/revalidate');
    expect(fresh.state).toBe('HIT');
    expect(fresh.body.nonce).not.toBe(miss.body.nonce); // made by b's regeneration
  });

  test('a regeneration claim: one holder at a time, released by its holder only, expiring on its own', async () => {
    const [a, b] = instances;
    const release = await a.handler.claimRegeneration!('/claimed', 60_000);
    expect(release).toEqual(expect.any(Function));
    expect(await b.handler.claimRegeneration!('/claimed', 60_000)).toBeUndefined();
    await release!();
    const next = await b.handler.claimRegeneration!('/claimed', 200);
    expect(next).toEqual(expect.any(Function));
    await release!(); // the first holder's token no longer matches: b's claim stays
    expect(await a.handler.claimRegeneration!('/claimed', 60_000)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 250)); // b's 200 ms claim expires unreleased
    expect(await a.handler.claimRegeneration!('/claimed', 60_000)).toEqual(expect.any(Function));
  });

  test('revalidate = N with both instances stale at once: ONE regeneration across them', async () => {
    const [a, b] = instances;
    const first = await get(a, '/swr-shared');
    expect(first.state).toBe('MISS');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // Both see the stale entry while the (400 ms) regeneration runs; each tries to regenerate.
    const [fromA, fromB] = await Promise.all([get(a, '/swr-shared'), get(b, '/swr-shared')]);
    expect([fromA.state, fromB.state]).toEqual(['STALE', 'STALE']);
    await a.app.locals.nextpress.cache.settled();
    await b.app.locals.nextpress.cache.settled();
    const after = await get(b, '/swr-shared');
    expect(after.state).toBe('HIT');
    expect(after.body.run).toBe(first.body.run + 1); // one more handler run, not two
    expect(await get(a, '/swr-shared')).toMatchObject({ state: 'HIT', body: after.body });
  });

  test('with Redis unreachable, requests are still served (every one a MISS) and the outage is logged once', async () => {
    const deadPort = await freePort();
    const handler = createRedisCache({ url: `redis://127.0.0.1:${deadPort}`, logger: log.logger });
    handlers.push(handler);
    const app = createApp({ routesDir, logger: log.logger, cache: handler });
    const served = await serve(app);
    instances.push({ handler, app, served });
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${served.url}/error-ok`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-nextjs-cache')).toBe('MISS');
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(log.lines.filter((line) => line.msg.startsWith(`Cache: Redis at redis://127.0.0.1:${deadPort}`))).toHaveLength(1);
  });

  test("fetch's data cache in Redis: stored by one instance, a HIT on the other; revalidateTag through either expires it for both", async () => {
    const up = await startUpstream();
    process.env.DATA_CACHE_UPSTREAM = up.url;
    try {
      const dataApp = path.join(__dirname, '../fixtures/data-cache-app');
      const a = await instance('fetch:', dataApp);
      const b = await instance('fetch:', dataApp);
      const hits = async (at: Instance, route: string) => ((await (await fetch(at.served.url + route)).json()) as { upstream: { hits: number } }).upstream.hits;
      expect(await hits(a, '/force-cache')).toBe(1);
      expect(await hits(b, '/force-cache')).toBe(1);
      expect(up.hits('/count/force-cache')).toBe(1);
      expect((await revalidate(b, { tag: 'upstream' })).status).toBe(200);
      expect(await hits(a, '/force-cache')).toBe(2);
      expect(await hits(b, '/force-cache')).toBe(2);

      // Marked stale on both: each serves the stale answer, and ONE refetch runs across them.
      expect(await hits(a, '/tagged')).toBe(1);
      expect(await hits(b, '/tagged')).toBe(1); // b's route file loaded now, not while a's refetch runs
      await revalidate(a, { tag: 'posts', profile: 'max' });
      expect(await Promise.all([hits(a, '/tagged'), hits(b, '/tagged')])).toEqual([1, 1]);
      await Promise.all([a.app.locals.nextpress.cache.settled(), b.app.locals.nextpress.cache.settled()]);
      expect(up.hits('/count/tagged')).toBe(2);
      expect(await Promise.all([hits(a, '/tagged'), hits(b, '/tagged')])).toEqual([2, 2]);
      const probe = new Redis(url);
      const keys = await probe.keys('fetch:e:fetch:*');
      probe.disconnect();
      expect(keys.length).toBe(2);
    } finally {
      delete process.env.DATA_CACHE_UPSTREAM;
      await up.close();
    }
  });
});

describeWithRedis('Redis cache handler: a wrong password', () => {
  test('the error is logged without the AUTH arguments ioredis puts on it (the password never reaches the log)', async () => {
    const port = await freePort();
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', 'right-one'], {
      stdio: 'ignore',
    });
    for (const deadline = Date.now() + 10_000; !(await listening(port)) && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
    const log = recordingLogger();
    const handler = createRedisCache({ url: `redis://:wrong%40pass@127.0.0.1:${port}`, prefix: 'pw:', logger: log.logger });
    try {
      const deadline = Date.now() + 10_000;
      while (!log.lines.some((line) => line.level === 'error') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      const error = log.lines.find((line) => line.level === 'error');
      expect(error?.msg).toMatch(new RegExp(`^Cache: Redis at redis://127\\.0\\.0\\.1:${port} failed \\(WRONGPASS`));
      expect(JSON.stringify(log.lines)).not.toContain('wrong@pass');
      expect(JSON.stringify(log.lines)).not.toContain('wrong%40pass');
    } finally {
      await handler.close?.();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }, 15_000);
});

/** Whether something accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
