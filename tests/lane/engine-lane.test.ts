/**
 * The two lanes (server/lane/open-engine-lane.ts): with no Express middleware of the user's, a
 * request skips Express's router; with one, on createApp's `middleware` or added with `app.use`
 * after createApp, Express's router runs it before the route files. Both give handlers the same
 * request (trust proxy, req.app for next/cache, the request id), through supertest and through
 * the app's own listen().
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import express, { type RequestHandler } from 'express';
import request from 'supertest';
import { createApp } from '../../server/app';
import { serve } from '../helpers/serve';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nextpress-lane-'));
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
};
write('api/where/route.ts', `export async function GET(request: Request) { return Response.json({ url: request.url }); }\n`);
write('api/cached/route.ts', `export const dynamic = 'force-static';\nlet n = 0;\nexport function GET() { return Response.json({ n: ++n }); }\n`);
write(
  'api/expire/route.ts',
  `import { revalidatePath } from 'next/cache';\nexport function POST() { revalidatePath('/api/cached'); return new Response(null, { status: 204 }); }\n`,
);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const quiet = { error() {}, warn() {}, info() {}, debug() {} };
const addHeader =
  (name: string): RequestHandler =>
  (_req, res, next) => {
    res.setHeader(name, 'yes');
    next();
  };

/** Counts the requests that went through Express's router. */
function countRouterCalls(app: ReturnType<typeof createApp>): { calls: number } {
  const counter = { calls: 0 };
  const router = app.router as unknown as { handle: (...args: unknown[]) => void };
  const original = router.handle;
  router.handle = function counted(this: unknown, ...args: unknown[]) {
    counter.calls++;
    return original.apply(this, args);
  };
  return counter;
}

const expressLaneForced = process.env.NEXTPRESS_EXPRESS_LANE === '1';

describe('no Express middleware of the user', () => {
  test(`a route file answers ${expressLaneForced ? 'through the router (NEXTPRESS_EXPRESS_LANE=1)' : 'without Express’s router'}`, async () => {
    const app = createApp({ routesDir: dir, logger: quiet });
    const counter = countRouterCalls(app);
    const res = await request(app).get('/api/where?x=1');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api\/where\?x=1$/) });
    expect(counter.calls).toBe(expressLaneForced ? 1 : 0);
    const missing = await request(app).get('/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: 'Not Found' });
  });

  test('the head (health, request log) runs first, then the route', async () => {
    const app = createApp({ routesDir: dir, logger: quiet, before: [addHeader('x-head')] });
    const res = await request(app).get('/api/where');
    expect(res.status).toBe(200);
    expect(res.headers['x-head']).toBe('yes');
  });

  test('trust proxy decides the URL the handler sees, through supertest and through app.listen()', async () => {
    const app = createApp({ routesDir: dir, logger: quiet, trustProxy: true });
    const viaSupertest = await request(app).get('/api/where').set('x-forwarded-proto', 'https').set('x-forwarded-host', 'shop.example');
    expect(viaSupertest.body).toEqual({ url: 'https://shop.example/api/where' });
    const served = await serve(app);
    try {
      const res = await fetch(`${served.url}/api/where`, { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'shop.example' } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ url: 'https://shop.example/api/where' });
    } finally {
      await served.close();
    }
  });

  test('next/cache finds the app from the request (req.app) in the lane', async () => {
    const app = createApp({ routesDir: dir, logger: quiet });
    const first = await request(app).get('/api/cached');
    const second = await request(app).get('/api/cached');
    expect([first.body, second.body]).toEqual([{ n: 1 }, { n: 1 }]);
    expect((await request(app).post('/api/expire')).status).toBe(204);
    expect((await request(app).get('/api/cached')).body).toEqual({ n: 2 });
  });

  test('app.listen() hands a listen error to its callback, as Express 5 does', async () => {
    const app = createApp({ routesDir: dir, logger: quiet });
    const served = await serve(app);
    try {
      const port = Number(new URL(served.url).port);
      const error = await new Promise<Error | undefined>((resolve) => {
        const second = app.listen(port, '127.0.0.1', (failed?: Error) => {
          second.close();
          resolve(failed);
        });
      });
      expect((error as NodeJS.ErrnoException | undefined)?.code).toBe('EADDRINUSE');
    } finally {
      await served.close();
    }
  });
});

describe('Express middleware of the user', () => {
  test("createApp's `middleware` runs before the route files, through the router", async () => {
    const app = createApp({ routesDir: dir, logger: quiet, middleware: [addHeader('x-cors')] });
    const counter = countRouterCalls(app);
    const res = await request(app).get('/api/where');
    expect(res.status).toBe(200);
    expect(res.headers['x-cors']).toBe('yes');
    expect(counter.calls).toBe(1);
  });

  test('app.use() after createApp runs before the route files and before the 404', async () => {
    const app = createApp({ routesDir: dir, logger: quiet, before: [addHeader('x-head')] });
    app.use(addHeader('x-after'));
    const res = await request(app).get('/api/where');
    expect(res.status).toBe(200);
    expect(res.headers['x-after']).toBe('yes');
    expect(res.headers['x-head']).toBe('yes');
    const missing = await request(app).get('/nope');
    expect(missing.status).toBe(404);
    expect(missing.headers['x-after']).toBe('yes');
    expect(missing.body).toEqual({ error: 'Not Found' });
  });

  test('an Express route added after createApp answers; the route files still answer around it', async () => {
    const app = createApp({ routesDir: dir, logger: quiet });
    app.get('/custom', (_req, res) => {
      res.json({ from: 'express' });
    });
    expect((await request(app).get('/custom')).body).toEqual({ from: 'express' });
    expect((await request(app).get('/api/where')).status).toBe(200);
    expect((await request(app).get('/nope')).status).toBe(404);
  });

  test("a user's error middleware hears its own middleware's errors; the engine's errors stay the engine's", async () => {
    const app = createApp({ routesDir: dir, logger: quiet });
    app.use(express.json());
    app.use(((error, _req, res, _next) => {
      res.status(422).json({ mine: error.type });
    }) as express.ErrorRequestHandler);
    const bad = await request(app).post('/api/where').set('content-type', 'application/json').send('{"a":');
    expect(bad.status).toBe(422);
    expect(bad.body).toEqual({ mine: 'entity.parse.failed' });
    const unknown = await request(app).patch('/api/where');
    expect(unknown.status).toBe(405);
  });

  test('mounted in another Express app: served under its path, through the parent’s router', async () => {
    const app = createApp({ routesDir: dir, logger: quiet });
    const parent = express();
    parent.use('/v1', app);
    const res = await request(parent).get('/v1/api/where');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ url: expect.stringMatching(/\/api\/where$/) });
    const slash = await request(parent).get('/v1/api/where/');
    expect(slash.status).toBe(308);
    expect(slash.headers.location).toBe('/v1/api/where');
  });
});
