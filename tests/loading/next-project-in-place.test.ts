/**
 * createApp({ dir }): the create-next-app shaped fixture (tests/fixtures/next-project) served where
 * it lies, as a library: src/app is the routes folder, pages, layouts, metadata and styles are not
 * served, next/og draws a real PNG, route code sees a global WebSocket, and process.cwd() stays the
 * caller's (a test that wants the project's files changes into it, as the CLI does).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import path from 'node:path';
import request from 'supertest';
import { createApp, type NextpressApp } from 'nextpress';
import { recordingLogger } from '../helpers/serve';

const PROJECT = path.join(__dirname, '..', 'fixtures', 'next-project');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A supertest parser for a binary body (its types call the raw response a superagent Response). */
function binary(res: NodeJS.ReadableStream, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('createApp({ dir }) with a Next project root', () => {
  const log = recordingLogger();
  // next.config and proxy.ts load at start: inside a hook, as jest 30 refuses a require() between tests.
  let app: NextpressApp;
  beforeAll(async () => {
    app = createApp({ dir: PROJECT, logger: log.logger });
    await app.locals.nextpress.ready;
  });

  test('src/app is the routes folder; the project root is known; process.cwd() is untouched', () => {
    expect(app.locals.nextpress.routesDir).toBe(path.join(PROJECT, 'src', 'app'));
    expect(app.locals.nextpress.projectDir).toBe(PROJECT);
    expect(process.cwd()).not.toBe(PROJECT);
  });

  test('pages, layouts, metadata and styles are listed as not served, and are no routes', () => {
    expect(app.locals.nextpress.notServed).toEqual(['about/page.tsx', 'favicon.ico', 'globals.css', 'layout.tsx', 'page.tsx', 'sitemap.ts']);
    const files = app.locals.nextpress.routes.map((route) => route.relativeFile);
    expect(files.every((file) => /(^|\/)route\.tsx?$/.test(file))).toBe(true);
  });

  test.each(['/', '/about', '/sitemap.xml', '/favicon.ico', '/globals.css'])('GET %s (a page or metadata path): the normal 404', async (url) => {
    const res = await request(app).get(url);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ error: 'Not Found' });
  });

  test('@vercel/og is not loaded when a route imports next/og, only when it constructs an ImageResponse', async () => {
    // Node's own module cache (process.getBuiltinModule: jest's node:module has a cache of its own).
    const loaded = () =>
      Object.keys((process.getBuiltinModule('node:module') as unknown as { _cache: object })._cache).some((file) =>
        file.includes(`${path.sep}@vercel${path.sep}og${path.sep}`),
      );
    const imported = await request(app).post('/api/og');
    expect({ status: imported.status, body: imported.body }).toEqual({ status: 200, body: { imageResponse: 'function' } });
    expect(loaded()).toBe(false);
    await request(app).get('/api/og');
    expect(loaded()).toBe(true);
  });

  test("next/og: a JSX ImageResponse in route.tsx answers a PNG with Next's headers", async () => {
    const res = await request(app)
      .get('/api/og')
      .buffer(true)
      .parse(binary as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toBe('public, max-age=0, must-revalidate'); // Next 16's (next/dist/server/og/image-response.js)
    const body = res.body as Buffer;
    expect(body.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    // The IHDR chunk: width 200, height 100, as the route asked.
    expect([body.readUInt32BE(16), body.readUInt32BE(20)]).toEqual([200, 100]);
  });

  test('a global WebSocket inside a route handler (Node 20 has none built in)', async () => {
    const res = await request(app).get('/api/websocket');
    expect({ status: res.status, errors: log.lines.filter((line) => line.level === 'error') }).toEqual({ status: 200, errors: [] });
    expect(res.body).toEqual({ websocket: 'function' });
  });

  describe('run from the project root (as the CLI does)', () => {
    const before = process.cwd();
    beforeAll(() => process.chdir(PROJECT));
    afterAll(() => process.chdir(before));

    test("a route reading path.join(process.cwd(), 'content/hello.md') finds it", async () => {
      const res = await request(app).get('/api/content');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
      expect(res.text).toBe('# Hello\n\nRead from the project root.\n');
    });
  });
});

describe('createApp({ dir }) with other folders', () => {
  test('a folder without app/ or src/app/ is served as a folder of route files', () => {
    const dir = path.join(PROJECT, 'src', 'app', 'api');
    const app = createApp({ dir, logger: recordingLogger().logger });
    expect(app.locals.nextpress.routesDir).toBe(dir);
    expect(app.locals.nextpress.projectDir).toBeUndefined();
    expect(app.locals.nextpress.routes.map((route) => route.pattern)).toContain('/og');
  });

  test('both dir and routesDir, or neither: an error saying which to pass', () => {
    const fix = "Pass one: 'dir' for a Next project root (its app/ or src/app/), or 'routesDir' for a folder of route files.";
    expect(() => createApp({ dir: PROJECT, routesDir: PROJECT })).toThrow(`createApp was given both 'dir' and 'routesDir'. ${fix}`);
    expect(() => createApp({})).toThrow(`createApp was given neither 'dir' nor 'routesDir'. ${fix}`);
  });
});
