/**
 * Start-up: createApp scans the routes folder and refuses to start on a conflict (naming both
 * files, with Next's wording) or a bad folder; a route file Next would warn about is warned about
 * when it is loaded (preload, or its first request).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createApp, isNextpressError, type NextpressApp } from 'nextpress';
import { recordingLogger } from '../helpers/serve';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes a routes folder holding one GET route file per relative path. */
function tree(files: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nextpress-startup-'));
  made.push(dir);
  for (const file of files) {
    fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), 'export function GET() { return new Response("x"); }\n');
  }
  return dir;
}

function startError(files: string[]): { message: string; code: string | undefined } {
  try {
    createApp({ routesDir: tree(files), logger: recordingLogger().logger });
  } catch (error) {
    if (!isNextpressError(error)) throw error;
    return { message: error.message, code: error.code };
  }
  throw new Error('createApp started');
}

describe('conflicts refuse to start, naming both files', () => {
  test.each([
    [
      ['(a)/x/route.ts', '(b)/x/route.ts'],
      'Conflicting routes at /x: route at /(a)/x/route and route at /(b)/x/route.',
      ["'(a)/x/route.ts'", "'(b)/x/route.ts'"],
    ],
    [
      ['u/[id]/route.ts', 'u/[userId]/a/route.ts'],
      "You cannot use different slug names for the same dynamic path ('id' !== 'userId').",
      ["'u/[id]/route.ts'", "'u/[userId]/a/route.ts'"],
    ],
    [['docs/[...slug]/x/route.ts'], 'Catch-all must be the last part of the URL.', ["'docs/[...slug]/x/route.ts'"]],
    [
      ['d/[...a]/route.ts', 'd/[[...b]]/route.ts'],
      'You cannot use both an required and optional catch-all route at the same level ("[...a]" and "[[...b]]" ).',
      ["'d/[...a]/route.ts'", "'d/[[...b]]/route.ts'"],
    ],
    [
      ['x/route.ts', 'x/[[...slug]]/route.ts'],
      'You cannot define a route with the same specificity as a optional catch-all route ("/x" and "/x[[...slug]]").',
      ["'x/route.ts'", "'x/[[...slug]]/route.ts'"],
    ],
    [['[id]/x/[id]/route.ts'], 'You cannot have the same slug name "id" repeat within a single dynamic path.', ["'[id]/x/[id]/route.ts'"]],
    [['a/route.ts', 'a/route.js'], '', ['a/route.ts', 'a/route.js']],
  ])('%j', (files, nextWording, named) => {
    const { message, code } = startError(files);
    expect(code).toBe('ROUTE_CONFLICT');
    expect(message.startsWith(nextWording)).toBe(true);
    for (const file of named) expect(message).toContain(file);
  });

  test('a missing routes folder names the path and the fix', () => {
    const missing = path.join(os.tmpdir(), 'nextpress-does-not-exist');
    expect(() => createApp({ routesDir: missing })).toThrow(missing);
    expect(() => createApp({ routesDir: missing })).toThrow('ROUTES_DIR');
  });

  test('an optional non-catch-all folder gets Next message', () => {
    const { message, code } = startError(['[[id]]/route.ts']);
    expect(code).toBe('BAD_SEGMENT');
    expect(message).toContain('Optional route parameters are not yet supported ("[[id]]").');
  });
});

describe('export warnings, in Next words, when a route file is loaded', () => {
  const log = recordingLogger();
  // Made, and preloaded, inside a hook: jest 30 refuses a require() between tests, where a load
  // begun at collection time could still be running on a slow machine.
  let app: NextpressApp;
  beforeAll(async () => {
    app = createApp({ routesDir: path.join(__dirname, '../fixtures/app'), logger: log.logger, preload: true });
    await app.locals.nextpress.ready;
  });
  const warnings = () => log.lines.filter((line) => line.level === 'warn').map((line) => line.msg);
  const echo = () => app.locals.nextpress.routes.find((route) => route.pattern === '/echo');

  test('without preload: nothing is imported at start, so no warning and no methods yet', () => {
    const lazy = recordingLogger();
    const lazyApp = createApp({ routesDir: path.join(__dirname, '../fixtures/app'), logger: lazy.logger });
    expect(lazy.lines.filter((line) => line.level === 'warn')).toEqual([]);
    expect(lazyApp.locals.nextpress.routes.find((route) => route.pattern === '/echo')).toEqual({
      pattern: '/echo',
      methods: undefined,
      relativeFile: 'echo/route.ts',
    });
  });

  test.each([
    "Detected lowercase method 'get' in 'lowercase/route.ts'. Export the uppercase 'GET' method name to fix this error.",
    "Detected default export in 'default-export/route.ts'. Export a named export for each HTTP method instead.",
    "No HTTP methods exported in 'no-methods/route.ts'. Export a named export for each HTTP method.",
  ])('%s', async (message) => {
    await app.locals.nextpress.ready;
    expect(warnings()).toContain(message);
  });

  test('no warning for correct files', async () => {
    await app.locals.nextpress.ready;
    expect(warnings().filter((w) => w.includes("'echo/route.ts'"))).toEqual([]);
  });

  test('a default export is not served: 405', async () => {
    const res = await request(app).get('/default-export');
    expect(res.status).toBe(405);
  });

  test('once loaded, the route table lists pattern, methods (the module exports) and file', async () => {
    await app.locals.nextpress.ready;
    expect(echo()).toEqual({ pattern: '/echo', methods: ['GET', 'POST', 'PUT', 'DELETE'], relativeFile: 'echo/route.ts' });
  });
});

describe('broken route files', () => {
  function brokenTree(): string {
    const dir = tree(['ok/route.ts']);
    fs.mkdirSync(path.join(dir, 'broken'));
    fs.writeFileSync(path.join(dir, 'broken/route.ts'), 'export function GET( {\n');
    return dir;
  }

  test('preload: ready rejects naming the file (the CLI exits 1 with that message)', async () => {
    const app = createApp({ routesDir: brokenTree(), preload: true, logger: recordingLogger().logger });
    await expect(app.locals.nextpress.ready).rejects.toThrow("Failed to load route file 'broken/route.ts'");
  });

  test('on first use: 500 with an empty body, logged with the file; fixed on disk, the next request loads it', async () => {
    const dir = brokenTree();
    const log = recordingLogger();
    const app = createApp({ routesDir: dir, logger: log.logger });
    const first = await request(app).get('/broken');
    expect(first.status).toBe(500);
    expect(first.text).toBe('');
    expect(log.lines.find((line) => line.level === 'error')?.msg).toMatch(/^Failed to load route file 'broken\/route.ts': /);
    expect((await request(app).get('/ok')).status).toBe(200);
    fs.writeFileSync(path.join(dir, 'broken/route.ts'), 'export function GET() { return new Response("fixed"); }\n');
    const second = await request(app).get('/broken');
    expect(second.status).toBe(200);
    expect(second.text).toBe('fixed');
  });
});
