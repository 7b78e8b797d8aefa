import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { scanFolder, scanRoutes } from '../../server/routing/scan';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'nextpress-scan-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

let count = 0;
/** A fresh routes folder holding these files (each with a tiny body); entries ending in '@' are symlinks: 'link@' -> target. */
function tree(files: string[], links: Record<string, string> = {}): string {
  const dir = path.join(temp, String(++count));
  fs.mkdirSync(dir);
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), 'export function GET() {}\n');
  }
  for (const [link, target] of Object.entries(links)) {
    fs.mkdirSync(path.dirname(path.join(dir, link)), { recursive: true });
    fs.symlinkSync(path.join(dir, target), path.join(dir, link));
  }
  return dir;
}

const missing = path.join(temp, 'missing');
const notAFolder = path.join(tree(['a/route.ts']), 'a', 'route.ts');

describe('scanRoutes', () => {
  test.each([
    [
      'static and dynamic, sorted',
      ['users/[id]/route.ts', 'health/route.ts', 'route.ts', 'users/me/route.ts'],
      {},
      [
        ['route.ts', '/'],
        ['health/route.ts', '/health'],
        ['users/me/route.ts', '/users/me'],
        ['users/[id]/route.ts', '/users/[id]'],
      ],
    ],
    [
      'every route file extension',
      ['a/route.ts', 'b/route.js', 'c/route.mjs', 'd/route.cjs', 'e/route.tsx', 'f/route.jsx'],
      {},
      [
        ['a/route.ts', '/a'],
        ['b/route.js', '/b'],
        ['c/route.mjs', '/c'],
        ['d/route.cjs', '/d'],
        ['e/route.tsx', '/e'],
        ['f/route.jsx', '/f'],
      ],
    ],
    [
      'other files are not routes',
      ['a/page.tsx', 'a/route.d.ts', 'a/route.mts', 'a/Route.ts', 'a/helpers.ts', 'a/route.ts.bak', 'b/route.ts'],
      {},
      [['b/route.ts', '/b']],
    ],
    [
      'groups and slots leave the URL',
      ['(admin)/stats/route.js', '@modal/x/route.ts'],
      {},
      [
        ['(admin)/stats/route.js', '/stats'],
        ['@modal/x/route.ts', '/x'],
      ],
    ],
    ['private and node_modules folders are skipped', ['_lib/route.ts', 'a/_x/b/route.ts', 'node_modules/p/route.js', 'a/route.ts'], {}, [['a/route.ts', '/a']]],
    [
      'dot folders are routed, as in Next',
      ['.well-known/openid-configuration/route.ts', 'a/.hidden/route.ts'],
      {},
      [
        ['.well-known/openid-configuration/route.ts', '/.well-known/openid-configuration'],
        ['a/.hidden/route.ts', '/a/.hidden'],
      ],
    ],
    ['%5F gives a leading underscore', ['%5Finternal/route.ts'], {}, [['%5Finternal/route.ts', '/_internal']]],
    ['a folder with no route file is fine even if Next would reject its name', ['[[id]]/helper.ts', 'ok/route.ts'], {}, [['ok/route.ts', '/ok']]],
    [
      'symlinked folders are followed, loops walked once',
      ['real/route.ts'],
      { alias: 'real', 'real/loop': 'real' },
      [
        ['alias/route.ts', '/alias'],
        ['real/route.ts', '/real'],
        ['real/loop/route.ts', '/real/loop'],
      ],
    ],
    ['an empty folder', [], {}, []],
  ])('%s', (_name, files, links, expected) => {
    const dir = tree(files, links);
    const routes = scanRoutes(dir);
    expect(routes.map((route) => [route.relativeFile, route.pattern])).toEqual(expected);
    for (const route of routes) expect(route.file).toBe(path.join(dir, ...route.relativeFile.split('/')));
  });

  test.each([
    [
      'two route files in one folder',
      () => scanRoutes(tree(['x/route.ts', 'x/route.js'])),
      'ROUTE_CONFLICT',
      `Two route files in one folder: 'x/route.js' and 'x/route.ts'. A folder has one route file; delete one of them (or merge their methods into one file).`,
    ],
    [
      'a bad folder name above a route file',
      () => scanRoutes(tree(['api/[[id]]/route.ts'])),
      'BAD_SEGMENT',
      `Optional route parameters are not yet supported ("[[id]]"). In folder 'api/[[id]]'. Use '[id]' for exactly one segment or '[[...id]]' for zero or more.`,
    ],
    [
      'an intercepting folder above a route file',
      () => scanRoutes(tree(['feed/(.)photo/route.ts'])),
      'BAD_SEGMENT',
      `Intercepting route folders like '(.)photo' are not supported for route handlers: interception only changes client-side navigation between pages, and a route handler always answers its own URL. In folder 'feed/(.)photo'. Rename the folder without the (.), (..) or (...) prefix, or move the route file out of it.`,
    ],
    [
      'a missing routes folder',
      () => scanRoutes(missing),
      'ROUTES_DIR',
      `The routes folder '${missing}' does not exist. Create it and put route files in it (e.g. 'health/route.ts'), or set ROUTES_DIR to the folder that holds them.`,
    ],
    [
      'a file instead of a folder',
      () => scanRoutes(notAFolder),
      'ROUTES_DIR',
      `The routes folder '${notAFolder}' is not a folder. Set ROUTES_DIR to the folder that holds your route files (e.g. 'routes').`,
    ],
  ])('%s throws', (_name, run, code, message) => {
    expect(run).toThrow(expect.objectContaining({ name: 'NextpressError', code, message }));
  });

  test('1,000+ route files scan fast', () => {
    const files: string[] = [];
    for (let i = 0; i < 120; i++) {
      files.push(`api/r${i}/route.ts`, `api/r${i}/[id]/route.ts`, `api/r${i}/[id]/edit/route.ts`, `(g)/s${i}/route.ts`, `s${i}/docs/[...slug]/route.ts`);
      for (let j = 0; j < 4; j++) files.push(`deep/r${i}/a${j}/b/c/route.ts`);
    }
    const dir = tree(files);
    const start = performance.now();
    const routes = scanRoutes(dir);
    const elapsed = performance.now() - start;
    expect(routes).toHaveLength(1080);
    expect(elapsed).toBeLessThan(1000);
  });
});

describe('scanFolder', () => {
  test('lists the pages, layouts, metadata and styles it did not route, sorted, outside private folders and node_modules', () => {
    const dir = tree([
      'page.tsx',
      'layout.tsx',
      'globals.css',
      'favicon.ico',
      'opengraph-image.tsx',
      'sitemap.ts',
      'robots.ts',
      'blog/[slug]/page.tsx',
      'blog/loading.tsx',
      'blog/error.tsx',
      '(shop)/cart/page.module.css',
      'api/x/route.ts',
      'api/x/helpers.ts',
      'components/Button.tsx',
      '_private/page.tsx',
      'node_modules/pkg/page.js',
    ]);
    expect(scanFolder(dir)).toEqual({
      routes: [expect.objectContaining({ relativeFile: 'api/x/route.ts', pattern: '/api/x' })],
      notServed: [
        '(shop)/cart/page.module.css',
        'blog/[slug]/page.tsx',
        'blog/error.tsx',
        'blog/loading.tsx',
        'favicon.ico',
        'globals.css',
        'layout.tsx',
        'opengraph-image.tsx',
        'page.tsx',
        'robots.ts',
        'sitemap.ts',
      ],
    });
  });

  test('a folder of route files only: nothing left out', () => {
    expect(scanFolder(tree(['a/route.ts'])).notServed).toEqual([]);
  });
});
