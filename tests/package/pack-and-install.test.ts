/**
 * nextpress as a Next project gets it from npm: `npm pack` of this repo, installed into a fresh
 * temp project (a package.json and app/ route files, nothing else: no `file:` dependency on `next`,
 * no tsconfig paths), then, there:
 *   1. `npx nextpress routes --json` -> the project's route table;
 *   2. `npx nextpress start -p <port>` -> the routes answer over real HTTP (next/server,
 *      next/headers, Promise params), and `import { createApp } from 'nextpress'` works under Node;
 *   3. `tsc` checks a route file against the shipped next/* types;
 *   4. the README's jest setup and test files (one of them signed in: sessionCookie, testRoute's
 *      session, next-auth), written there as the README shows them, run green with jest, @swc/jest
 *      and supertest installed beside nextpress (preset: 'nextpress');
 *   5. the same for vitest: the README's vitest.config.ts (nextpressVitest) and test file (Auth.js);
 *   6. a project with the real `next` installed: its CommonJS packages that `require('next/headers')`
 *      get nextpress's (pinned), so headers() sees the request.
 * Slow (npm pack and three npm installs, ~1.5 min): not part of `npm test`; `npm run test:package` runs it (CI does).
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanUp, exec, npmInstall, packNextpress, ROOT, startServer, writeProject } from './helpers';

jest.setTimeout(240_000); // npm pack (a build) and three npm installs

const ROUTES = {
  'app/api/hello/route.ts': `import { NextResponse, type NextRequest } from 'next/server';

export function GET(request: NextRequest) {
  return NextResponse.json({ hello: request.nextUrl.searchParams.get('name') ?? 'world' });
}
`,
  'app/api/items/[id]/route.ts': `import { headers } from 'next/headers';

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const agent = (await headers()).get('x-agent');
  return Response.json({ id, agent, body: await request.json() }, { status: 201 });
}
`,
};

// The README's "Testing" section, word for word (a test below checks the README still says so).
const README_JEST_CONFIG = `module.exports = { preset: 'nextpress' };
`;
const README_TEST = `import request from 'supertest';
import { createApp } from 'nextpress';
import { testRoute } from 'nextpress/testing';
import * as greet from '../app/api/greet/route';

test('one route handler, with testRoute', async () => {
  const res = await testRoute(greet, { url: '/api/greet?name=Ada' });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ message: 'hello, Ada' });
});

test('a handler with params, by its file', async () => {
  const res = await testRoute('app/api/items/[id]/route.ts', {
    url: '/api/items/7',
    method: 'POST',
    headers: { 'x-agent': 'jest' },
    body: { n: 1 },
  });
  expect(res.status).toBe(201);
  expect(await res.json()).toEqual({ id: '7', agent: 'jest', body: { n: 1 } });
});

test('the whole app, with createApp and supertest', async () => {
  process.env.GREETING = 'hi'; // read by the route when it runs
  const app = createApp({ routesDir: 'app' });
  const res = await request(app).get('/api/greet?name=Ada');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ message: 'hi, Ada' });
});
`;

const README_ME_ROUTE = `import { auth } from 'nextpress/auth';

export async function GET() {
  const session = await auth();
  return Response.json({ user: session?.user ?? null });
}
`;
const README_AUTH_TEST = `import request from 'supertest';
import { createApp } from 'nextpress';
import { sessionCookie, testRoute } from 'nextpress/testing';
import * as me from '../app/api/me/route';

process.env.AUTH_SECRET = 'a-test-secret-of-at-least-32-characters';
const auth = { provider: 'next-auth', protectedPaths: ['/api/me'] } as const; // or 'authjs'
const ada = { id: 'ada', name: 'Ada', email: 'ada@example.test' };

test('a protected route, signed in', async () => {
  const app = createApp({ routesDir: 'app', auth });
  const res = await request(app).get('/api/me').set('Cookie', await sessionCookie(ada, auth));
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ user: { name: 'Ada', email: 'ada@example.test' } });
});

test('signed out: the guard answers 401', async () => {
  const res = await request(createApp({ routesDir: 'app', auth })).get('/api/me');
  expect(res.status).toBe(401);
  expect(res.body).toEqual({ error: 'Unauthorized' });
});

test('one handler, with a session', async () => {
  const res = await testRoute(me, { url: '/api/me', session: { user: ada }, app: { auth } });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ user: { name: 'Ada', email: 'ada@example.test' } });
});
`;

const README_VITEST_CONFIG = `import { defineConfig } from 'vitest/config';
import { nextpressVitest } from 'nextpress/vitest';

export default defineConfig(nextpressVitest());
`;
const README_VITEST_TEST = `import { expect, test } from 'vitest';
import { testRoute } from 'nextpress/testing';
import * as greet from '../app/api/greet/route';
import * as item from '../app/api/items/[id]/route';
import * as me from '../app/api/me/route';

test('one route handler, with testRoute', async () => {
  const res = await testRoute(greet, { url: '/api/greet?name=Ada' });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ message: 'hello, Ada' });
});

test('headers() and params in an imported module', async () => {
  const res = await testRoute(item, {
    url: '/api/items/7',
    params: { id: '7' },
    method: 'POST',
    headers: { 'x-agent': 'vitest' },
    body: { n: 1 },
  });
  expect(res.status).toBe(201);
  expect(await res.json()).toEqual({ id: '7', agent: 'vitest', body: { n: 1 } });
});

test('a signed-in user, with Auth.js', async () => {
  process.env.AUTH_SECRET = 'a-test-secret-of-at-least-32-characters';
  const auth = { provider: 'authjs', protectedPaths: ['/api/me'] } as const;
  const res = await testRoute(me, { url: '/api/me', session: { user: { name: 'Ada' } }, app: { auth } });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ user: { name: 'Ada' } });
});
`;

// A route that imports through the project's tsconfig paths (`@/*`) and reads the environment.
const GREET = {
  'lib/greeting.ts': "export const greeting = (name: string) => `${process.env.GREETING ?? 'hello'}, ${name}`;\n",
  'app/api/greet/route.ts':
    "import { greeting } from '@/lib/greeting';\n\nexport function GET(request: Request) {\n  return Response.json({ message: greeting(new URL(request.url).searchParams.get('name') ?? 'world') });\n}\n",
};

let tarball: string;
let withVitest: string; // a project testing with vitest
let plain: string; // a project with nothing but nextpress
let withRealNext: string; // a project that also has (a stand-in for) the real next

beforeAll(async () => {
  tarball = await packNextpress();
  plain = writeProject({
    'package.json': JSON.stringify(
      {
        name: 'my-app',
        private: true,
        dependencies: { nextpress: `file:${tarball}` },
        devDependencies: { '@types/node': '^20', jest: '^30', '@swc/jest': '*', '@swc/core': '*', supertest: '*' },
      },
      null,
      2,
    ),
    // create-next-app's tsconfig, as it is (no paths for next/*).
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: 'esnext',
        moduleResolution: 'bundler',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        lib: ['es2023', 'dom'],
        types: ['node'],
        paths: { '@/*': ['./*'] },
      },
      include: ['app', 'check-types.ts'],
    }),
    // nextpress's own API is typed from the shipped .d.ts (an `any` would make the @ts-expect-error unused: an error).
    'check-types.ts':
      "import { createApp } from 'nextpress';\nimport { testRoute } from 'nextpress/testing';\n\nexport const app = createApp({ routesDir: 'app' });\nexport const res: Promise<Response> = testRoute('app/api/hello/route.ts', { url: '/api/hello' });\n// @ts-expect-error routesDir is a folder path, not a number\ncreateApp({ routesDir: 42 });\n",
    ...GREET,
    'jest.config.js': README_JEST_CONFIG,
    'tests/api.test.ts': README_TEST,
    'tests/auth.test.ts': README_AUTH_TEST,
    'app/api/me/route.ts': README_ME_ROUTE,
    'server.mjs':
      "import { createApp } from 'nextpress';\nconst app = createApp({ routesDir: 'app' });\nconst server = app.listen(0, '127.0.0.1', async () => {\n  const res = await fetch(`http://127.0.0.1:${server.address().port}/api/hello?name=createApp`);\n  console.log(res.status, await res.text());\n  server.close();\n});\n",
    ...ROUTES,
  });
  withRealNext = writeProject({
    'package.json': JSON.stringify(
      { name: 'my-next-app', private: true, dependencies: { next: 'file:./real-next', 'uses-next': 'file:./uses-next', nextpress: `file:${tarball}` } },
      null,
      2,
    ),
    // Shaped as the real next (CommonJS files at the package root, no exports map); a response it builds says so.
    'real-next/package.json': JSON.stringify({ name: 'next', version: '15.5.0' }),
    'real-next/server.js': "exports.NextResponse = { json: () => Response.json({ from: 'the real next' }) };\n",
    'real-next/headers.js': "exports.headers = async () => new Map([['x-agent', 'the real next']]);\n",
    'uses-next/package.json': JSON.stringify({ name: 'uses-next', version: '1.0.0', main: 'index.js' }),
    'uses-next/index.js':
      "const { NextResponse } = require('next/server');\nconst { headers } = require('next/headers');\nexports.answer = async () => NextResponse.json({ from: 'uses-next', agent: (await headers()).get('x-agent') });\n",
    'app/api/package/route.ts': "import { answer } from 'uses-next';\n\nexport const GET = () => answer();\n",
    ...ROUTES,
  });
  withVitest = writeProject({
    'package.json': JSON.stringify(
      { name: 'my-vitest-app', private: true, type: 'module', dependencies: { nextpress: `file:${tarball}` }, devDependencies: { vitest: '^4' } },
      null,
      2,
    ),
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, paths: { '@/*': ['./*'] } } }),
    'vitest.config.ts': README_VITEST_CONFIG,
    'tests/api.test.ts': README_VITEST_TEST,
    'app/api/me/route.ts': README_ME_ROUTE,
    ...GREET,
    ...ROUTES,
  });
  await Promise.all([npmInstall(plain), npmInstall(withRealNext), npmInstall(withVitest)]);
});
afterAll(cleanUp);

describe('installed into a project with nothing but nextpress', () => {
  test('npx nextpress routes --json: the route table of app/', async () => {
    const { stdout } = await exec('npx', ['nextpress', 'routes', '--json'], plain);
    expect(JSON.parse(stdout)).toEqual([
      { pattern: '/api/greet', methods: ['GET'], file: 'api/greet/route.ts' },
      { pattern: '/api/hello', methods: ['GET'], file: 'api/hello/route.ts' },
      { pattern: '/api/items/[id]', methods: ['POST'], file: 'api/items/[id]/route.ts' },
      { pattern: '/api/me', methods: ['GET'], file: 'api/me/route.ts' },
    ]);
  });

  test('npx nextpress start -p <port>: the routes answer over HTTP', async () => {
    const { url } = await startServer(plain);
    const hello = await fetch(`${url}/api/hello?name=npx`);
    expect(hello.status).toBe(200);
    expect(hello.headers.get('content-type')).toBe('application/json');
    expect(await hello.json()).toEqual({ hello: 'npx' });

    const item = await fetch(`${url}/api/items/7`, { method: 'POST', headers: { 'x-agent': 'jest', 'content-type': 'application/json' }, body: '{"n":1}' });
    expect(item.status).toBe(201);
    expect(await item.json()).toEqual({ id: '7', agent: 'jest', body: { n: 1 } });

    const aliased = await fetch(`${url}/api/greet?name=paths`); // tsconfig paths: @/lib/greeting
    expect(await aliased.json()).toEqual({ message: 'hello, paths' });

    const wrong = await fetch(`${url}/api/items/7`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('OPTIONS, POST');
  });

  test("import { createApp } from 'nextpress' under plain Node", async () => {
    const { stdout } = await exec(process.execPath, ['server.mjs'], plain);
    expect(stdout).toBe('200 {"hello":"createApp"}\n');
  });

  test("tsc checks route files against the shipped next/* types (no tsconfig paths), and nextpress's API is typed", async () => {
    const tsc = join(__dirname, '..', '..', 'node_modules', 'typescript', 'bin', 'tsc');
    await expect(exec(process.execPath, [tsc, '-p', '.'], plain)).resolves.toMatchObject({ code: 0 });
    // ... and they are real types, not `any`: a wrong call is an error.
    const bad = writeProject({
      'tsconfig.json': JSON.stringify({
        compilerOptions: { moduleResolution: 'bundler', module: 'esnext', strict: true, noEmit: true, skipLibCheck: true, lib: ['es2023', 'dom'] },
      }),
      'bad.ts': "import { NextResponse } from 'next/server';\nexport const x: number = NextResponse.json({});\n",
    });
    await exec('ln', ['-s', join(plain, 'node_modules'), join(bad, 'node_modules')], bad);
    await expect(exec(process.execPath, [tsc, '-p', '.'], bad)).rejects.toThrow(/bad\.ts.*error TS2322/);
  });
});

describe("the README's tests, in the project: preset 'nextpress', testRoute, createApp + supertest", () => {
  test('npx jest: green', async () => {
    const { stderr } = await exec('npx', ['jest', '--ci'], plain);
    expect(stderr).toContain('Tests:       6 passed, 6 total');
  });

  test('the README shows these files as they are', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('```js\n// jest.config.js\n' + README_JEST_CONFIG + '```');
    expect(readme).toContain('```ts\n// tests/api.test.ts\n' + README_TEST + '```');
    expect(readme).toContain('```ts\n// app/api/me/route.ts\n' + README_ME_ROUTE + '```');
    expect(readme).toContain('```ts\n// tests/auth.test.ts\n' + README_AUTH_TEST + '```');
  });
});

describe("the README's vitest setup, in a project of its own (nextpressVitest)", () => {
  test('npx vitest run: green', async () => {
    const { stdout } = await exec('npx', ['vitest', 'run'], withVitest, { NO_COLOR: '1' });
    expect(stdout.replace(new RegExp(`${String.fromCharCode(27)}\\[[\\d;]*m`, 'g'), '')).toMatch(/Tests +3 passed \(3\)/);
  });

  test('the README shows these files as they are', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('```ts\n// vitest.config.ts\n' + README_VITEST_CONFIG + '```');
    expect(readme).toContain('```ts\n// tests/api.test.ts (vitest)\n' + README_VITEST_TEST + '```');
  });
});

test("a project with the real next installed: route files and its packages get nextpress's next/*", async () => {
  const { url } = await startServer(withRealNext);
  const direct = await fetch(`${url}/api/hello`);
  expect(await direct.json()).toEqual({ hello: 'world' });
  const viaPackage = await fetch(`${url}/api/package`, { headers: { 'x-agent': 'curl' } });
  expect(viaPackage.status).toBe(200);
  expect(await viaPackage.json()).toEqual({ from: 'uses-next', agent: 'curl' });
});
