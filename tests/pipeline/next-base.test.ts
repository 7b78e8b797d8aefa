/**
 * tests/fixtures/next-base: basePath '/docs' with trailingSlash, routes in src/app, a Next 15
 * middleware.ts in src/ with an object matcher. Then the start-up rules: both proxy and
 * middleware refused, a throwing next.config refused naming it, skipTrailingSlashRedirect,
 * a bare routes folder (no project), the projectDir option.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createApp, isNextpressError } from 'nextpress';
import { recordingLogger } from '../helpers/serve';

const fixture = path.join(__dirname, '..', 'fixtures', 'next-base');
const log = recordingLogger();
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  app = createApp({ routesDir: path.join(fixture, 'src', 'app'), logger: log.logger });
  await app.locals.nextpress.ready;
});

describe('basePath and trailingSlash', () => {
  test.each([
    ['/docs/api/hello/', 200, undefined],
    ['/docs/api/hello', 308, '/docs/api/hello/'],
    ['/docs/api/hello?x=1', 308, '/docs/api/hello/?x=1'],
    ['/docs//api//hello/', 308, '/docs/api/hello/'],
    ['/docs', 308, '/docs/'],
    ['/docs/', 200, undefined],
    ['/api/hello/', 404, undefined],
    ['/documents/', 404, undefined],
    ['/docs/file.txt', 404, undefined],
    ['/docs/old/', 308, '/docs/api/hello'],
    ['/outside', 307, '/docs/api/hello/'],
  ])('%s -> %i %s', async (target, status, location) => {
    const response = await request(app).get(target);
    expect(response.status).toBe(status);
    expect(response.headers.location).toBe(location);
  });

  test('routes are served under basePath; the handler’s request.url leaves it out, as in Next 16', async () => {
    const response = await request(app).get('/docs/api/hello/');
    const url = expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api\/hello\/$/);
    // Observed on next@16.4.6 (`next start`, basePath '/base'): request.url and nextUrl.href without
    // the basePath, nextUrl.basePath '' (proxy.ts's request keeps it).
    expect(response.body).toEqual({ route: 'hello', url, pathname: '/api/hello/', basePath: '', href: url });
    expect((await request(app).get('/docs/')).body).toMatchObject({ route: 'root' });
  });

  test('middleware.ts (src/) runs with its object matcher, and gets the deprecation warning once', async () => {
    const blocked = await request(app).get('/docs/api/hello/?block=yes');
    expect(blocked.status).toBe(403);
    expect(blocked.body).toEqual({ blocked: 'yes' });
    const warnings = log.lines.filter((line) => line.level === 'warn' && line.msg.includes('"middleware" file convention is deprecated'));
    expect(warnings).toHaveLength(1);
  });
});

describe('start-up rules', () => {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A project folder: files by relative path; app/api/x/route.ts is always there. */
  function project(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nextpress-pipeline-'));
    made.push(dir);
    const all = { 'app/api/x/route.ts': 'export function GET() { return new Response("x"); }\n', ...files };
    for (const [file, text] of Object.entries(all)) {
      fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
  }
  const proxyFile = 'export function proxy() {}\n';

  test('proxy.ts and middleware.ts both present: refused with Next 16 message', () => {
    const dir = project({ 'proxy.ts': proxyFile, 'src/middleware.ts': 'export function middleware() {}\n' });
    let message = '';
    try {
      createApp({ routesDir: path.join(dir, 'app'), logger: recordingLogger().logger });
    } catch (error) {
      message = isNextpressError(error) ? error.message : String(error);
    }
    expect(message).toBe(
      'Both middleware file "./src/middleware.ts" and proxy file "./proxy.ts" are detected. Please use "./proxy.ts" only. Learn more: https://nextjs.org/docs/messages/middleware-to-proxy',
    );
  });

  test('a next.config that throws stops the start, naming the file', async () => {
    const dir = project({ 'next.config.mjs': 'throw new Error("no config for you");\n' });
    const started = createApp({ routesDir: path.join(dir, 'app'), logger: recordingLogger().logger });
    await expect(started.locals.nextpress.ready).rejects.toThrow(
      'Failed to load next.config.mjs (import): no config for you. Fix next.config.mjs; nextpress reads it once at start.',
    );
  });

  test('a bad redirect is named with its index and the fix', async () => {
    const dir = project({ 'next.config.js': 'module.exports = { async redirects() { return [{ source: "/a", destination: "/b" }]; } };\n' });
    const started = createApp({ routesDir: path.join(dir, 'app'), logger: recordingLogger().logger });
    await expect(started.locals.nextpress.ready).rejects.toThrow(
      'Invalid redirects[0] in next.config.js: `permanent` must be true or false (or give `statusCode`)',
    );
  });

  test('a has value that is not a regex is refused at start, naming where', async () => {
    const dir = project({
      'next.config.js':
        'module.exports = { async rewrites() { return [{ source: "/a", destination: "/b", has: [{ type: "query", key: "q", value: "(" }] }]; } };\n',
    });
    const started = createApp({ routesDir: path.join(dir, 'app'), logger: recordingLogger().logger });
    await expect(started.locals.nextpress.ready).rejects.toThrow(
      'Invalid rewrites[0].has[0] in next.config.js: `value` is not a valid regular expression (Invalid regular expression: /^($/: Unterminated group)',
    );
  });

  test('next.config.ts with skipTrailingSlashRedirect: /x/ and /x both answer, no redirect', async () => {
    // As create-next-app writes it: the type comes from the `next` package root.
    const dir = project({
      'next.config.ts':
        'import type { NextConfig } from "next";\nimport { NextConfig as Again } from "next";\nconst config: NextConfig & Again = { skipTrailingSlashRedirect: true };\nexport default config;\n',
    });
    const served = createApp({ routesDir: path.join(dir, 'app'), logger: recordingLogger().logger });
    await served.locals.nextpress.ready;
    expect((await request(served).get('/api/x/')).status).toBe(200);
    expect((await request(served).get('/api/x')).status).toBe(200);
  });

  test('`locale` on a route is ignored with a warning naming where it is', async () => {
    const recorder = recordingLogger();
    const dir = project({
      'next.config.js': 'module.exports = { async redirects() { return [{ source: "/a", destination: "/api/x", permanent: false, locale: false }]; } };\n',
    });
    const served = createApp({ routesDir: path.join(dir, 'app'), logger: recorder.logger });
    await served.locals.nextpress.ready;
    expect(recorder.lines.filter((line) => line.level === 'warn').map((line) => line.msg)).toEqual([
      'next.config.js: redirects[0].locale ignored (nextpress has no i18n; routes match every path as if `locale: false`)',
    ]);
    expect((await request(served).get('/a')).headers.location).toBe('/api/x');
  });

  test('a proxy that is not a function is refused naming the file', async () => {
    const dir = project({ 'proxy.ts': 'export const proxy = 1;\n' });
    const started = createApp({ routesDir: path.join(dir, 'app'), logger: recordingLogger().logger });
    await expect(started.locals.nextpress.ready).rejects.toThrow(
      'The proxy file "./proxy.ts" must export a function, either as a default export or as a named "proxy" export.',
    );
  });

  test('a bare routes folder has no project: a next.config beside it is not read; projectDir says where', async () => {
    const dir = project({
      'routes/api/y/route.ts': 'export function GET() { return new Response("y"); }\n',
      'next.config.js': 'module.exports = { basePath: "/base" };\n',
    });
    const bare = createApp({ routesDir: path.join(dir, 'routes'), logger: recordingLogger().logger });
    expect(bare.locals.nextpress.projectDir).toBeUndefined();
    expect((await request(bare).get('/api/y')).status).toBe(200);
    expect((await request(bare).get('/api/y/')).status).toBe(308); // the dispatcher's own normalisation

    const pointed = createApp({ routesDir: path.join(dir, 'routes'), projectDir: dir, logger: recordingLogger().logger });
    await pointed.locals.nextpress.ready;
    expect((await request(pointed).get('/api/y')).status).toBe(404);
    expect((await request(pointed).get('/base/api/y')).status).toBe(200);
  });
});
