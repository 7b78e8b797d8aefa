/**
 * The create-next-app shaped fixtures served by the compiled CLI (`node dist/server/cli.js`,
 * built as `npm run build` does, see tests/cli/helpers.ts): tsconfig/jsconfig paths, server-only,
 * JSX and next/*.js resolve under plain Node and the compiled engine too, and a preload failure
 * reports every broken file before the process exits. `start <dir>` serves the project in place:
 * its working directory, its env files in Next's order, next/og, and pages left out.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { buildCli, cleanUp, fetchText, listeningUrl, runCli, within, writeApp } from '../cli/helpers';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
let cli: string;

beforeAll(() => {
  cli = buildCli();
}, 60_000);
afterAll(cleanUp);

describe('next-project served by the compiled CLI', () => {
  let url: string;
  let run: ReturnType<typeof runCli>;

  beforeAll(async () => {
    run = runCli(cli, writeApp({}), { ROUTES_DIR: path.join(FIXTURES, 'next-project', 'src', 'app') });
    url = await listeningUrl(run);
  }, 30_000);

  test.each([
    ['/api/hello', { greeting: 'hello from src/lib' }],
    ['/api/bare', { version: '1.2.3' }],
    ['/api/exact', { user: 'ada' }],
    ['/api/jsx', { type: 'section', id: 'card', child: { label: 'new' }, badge: { type: 'span', props: { className: 'badge', children: 'new' } } }],
    ['/api/next-js', { test: 'cli' }],
    ['/.well-known/openid-configuration', { issuer: 'https://issuer.example' }],
  ])('GET %s', async (route, body) => {
    const res = await fetch(url + route, { headers: { 'x-test': 'cli' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(body);
  });

  test('an alias that matches no file: 500, logged naming the import and the paths entry', async () => {
    const res = await fetch(`${url}/api/missing-alias`);
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('');
    const line = await run.waitFor((l) => typeof l.msg === 'string' && l.msg.startsWith("Failed to load route file 'api/missing-alias/route.ts'"));
    expect(line.msg).toContain(
      "the import '@/lib/nowhere' in 'src/app/api/missing-alias/route.ts' resolves to no file: tsconfig.json paths entry '@/*' -> './src/*'",
    );
  });
});

describe('start <dir>: the project served in place', () => {
  const PROJECT = path.join(FIXTURES, 'next-project');
  let url: string;
  let run: ReturnType<typeof runCli>;

  beforeAll(async () => {
    // Started from another folder; ROUTES_DIR (set by the helper) loses to [dir].
    run = runCli(cli, writeApp({}), { REAL: 'from the environment' }, ['start', PROJECT]);
    url = await listeningUrl(run);
  }, 30_000);

  test('the start-up output names the project, its routes folder and env files, and what is not served', () => {
    const messages = run.lines.map((line) => line.msg);
    expect(messages).toContain(`Project: ${PROJECT} (routes: src/app, env: .env.local, .env); working directory: the project root`);
    expect(messages).toContain('6 files under src/app/ are pages, layouts, metadata or styles: not served (nextpress serves route handlers only)');
  });

  test("a route reading path.join(process.cwd(), 'content/hello.md') finds the project's file", async () => {
    const res = await fetch(`${url}/api/content`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(await res.text()).toBe('# Hello\n\nRead from the project root.\n');
  });

  test("env files in Next's order (.env.local over .env), $VAR expanded, the real environment wins", async () => {
    const res = await fetch(`${url}/api/env`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      FROM_ENV: 'from .env',
      FROM_LOCAL: 'from .env.local',
      SHARED: 'from .env.local',
      EXPANDED: 'from .env, expanded',
      REAL: 'from the environment',
    });
  });

  test('next/og answers a PNG', async () => {
    const res = await fetch(`${url}/api/og`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await res.arrayBuffer()).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  test('a global WebSocket in route code', async () => {
    const res = await fetch(`${url}/api/websocket`);
    expect(await res.json()).toEqual({ websocket: 'function' });
  });

  test.each(['/', '/about'])('GET %s (a page): the normal 404', async (route) => {
    const res = await fetch(url + route);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'Not Found' });
  });
});

test('no [dir], started in the project: the same project; NODE_ENV=test leaves .env.local out, as Next does', async () => {
  const PROJECT = path.join(FIXTURES, 'next-project');
  const run = runCli(cli, PROJECT, { ROUTES_DIR: undefined, NODE_ENV: 'test' });
  const url = await listeningUrl(run);
  expect(run.lines.map((line) => line.msg)).toContain(`Project: ${PROJECT} (routes: src/app, env: .env); working directory: the project root`);
  const res = await fetch(`${url}/api/env`);
  expect(await res.json()).toEqual({ FROM_ENV: 'from .env', SHARED: 'from .env', EXPANDED: 'from .env, expanded', REAL: 'from .env' });
}, 30_000);

test('a relative [dir] with WEB_CONCURRENCY=2: the primary stays put, each worker serves from the project root', async () => {
  const run = runCli(cli, FIXTURES, { WEB_CONCURRENCY: '2' }, ['start', 'next-project']);
  const url = await listeningUrl(run);
  for (let i = 0; i < 4; i++) {
    const res = await fetchText(`${url}/api/content`);
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: '# Hello\n\nRead from the project root.\n' });
  }
}, 30_000);

test('next-project-js (jsconfig.json with extends, .jsx) served by the compiled CLI', async () => {
  const run = runCli(cli, writeApp({}), { ROUTES_DIR: path.join(FIXTURES, 'next-project-js', 'app') });
  const url = await listeningUrl(run);
  const res = await fetch(`${url}/api/greet`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ greeting: 'hello, js', tag: 'em' });
}, 30_000);

test('PRELOAD_ROUTES=true: both broken files in one start, then exit 1', async () => {
  const run = runCli(cli, writeApp({}), { ROUTES_DIR: path.join(FIXTURES, 'next-project', 'src', 'app'), PRELOAD_ROUTES: 'true' });
  const { code } = await within(run.exited, 20_000, 'the CLI exiting');
  expect(code).toBe(1);
  const stderr = run.stderr();
  expect(stderr).toContain('2 route files failed to load:');
  expect(stderr).toContain("  - Failed to load route file 'api/client/route.ts': This module cannot be imported from a Server Component module.");
  expect(stderr).toContain("  - Failed to load route file 'api/missing-alias/route.ts': the import '@/lib/nowhere'");
  expect(stderr).toContain('Fix them and start again.');
  expect(stderr).not.toContain('loaded again on the next request');
}, 30_000);

test("a project with the real next and server-only installed: its packages (CommonJS and ESM) get nextpress's next/* and server-only too", async () => {
  const project = writeApp({
    // Shaped as the real next (no exports map, CommonJS files at the package root), answering so
    // that a response built by it is told apart.
    'node_modules/next/package.json': JSON.stringify({ name: 'next', version: '15.5.0' }),
    'node_modules/next/server.js': "exports.NextResponse = { json: () => Response.json({ from: 'the real next' }) };\n",
    'node_modules/next/headers.js': "exports.headers = async () => new Map([['x-test', 'the real next']]);\n",
    'node_modules/server-only/package.json': JSON.stringify({
      name: 'server-only',
      version: '0.0.1',
      exports: { '.': { 'react-server': './empty.js', default: './index.js' } },
    }),
    'node_modules/server-only/index.js':
      "throw new Error('This module cannot be imported from a Client Component module. It should only be used from a Server Component.');\n",
    'node_modules/server-only/empty.js': '',
    'node_modules/uses-next-cjs/package.json': JSON.stringify({ name: 'uses-next-cjs', version: '1.0.0', main: 'index.js' }),
    'node_modules/uses-next-cjs/index.js':
      "require('server-only');\nconst { NextResponse } = require('next/server');\nconst { headers } = require('next/headers');\nexports.answer = async () => NextResponse.json({ from: 'cjs', test: (await headers()).get('x-test') });\n",
    'node_modules/uses-next-esm/package.json': JSON.stringify({ name: 'uses-next-esm', version: '1.0.0', type: 'module', exports: './index.js' }),
    'node_modules/uses-next-esm/index.js': "import { NextResponse } from 'next/server.js';\nexport const answer = () => NextResponse.json({ from: 'esm' });\n",
    'app/api/cjs/route.ts': "import { answer } from 'uses-next-cjs';\n\nexport const GET = () => answer();\n",
    'app/api/esm/route.ts': "import { answer } from 'uses-next-esm';\n\nexport const GET = () => answer();\n",
    'app/api/direct/route.ts': "import { NextResponse } from 'next/server';\n\nexport const GET = () => NextResponse.json({ from: 'route' });\n",
  });
  const run = runCli(cli, project, { ROUTES_DIR: path.join(project, 'app') });
  const url = await listeningUrl(run);
  for (const [route, body] of [
    ['/api/direct', { from: 'route' }],
    ['/api/cjs', { from: 'cjs', test: 'real' }],
    ['/api/esm', { from: 'esm' }],
  ] as const) {
    const res = await fetch(url + route, { headers: { 'x-test': 'real' } });
    expect({ route, status: res.status, body: await res.json().catch(() => undefined) }).toEqual({ route, status: 200, body });
  }
}, 30_000);
