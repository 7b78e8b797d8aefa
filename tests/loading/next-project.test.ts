/**
 * A create-next-app shaped project served in place (tests/fixtures/next-project: src/app, a
 * tsconfig with `extends`, `baseUrl` and `paths`): its route files and everything they import
 * resolve as under `next dev`, and those that cannot load say which import failed and why.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createApp } from 'nextpress';
import { recordingLogger } from '../helpers/serve';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const PROJECT = path.join(FIXTURES, 'next-project');
const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

const CLIENT_ONLY_FAILURE =
  "Failed to load route file 'api/client/route.ts': This module cannot be imported from a Server Component module. It should only be used from a Client Component. " +
  "'client-only' was imported on the server, where route handlers run: move the browser-only code out of what the route imports (thrown while loading 'src/lib/browser.ts').";
const MISSING_ALIAS_FAILURE =
  "Failed to load route file 'api/missing-alias/route.ts': the import '@/lib/nowhere' in 'src/app/api/missing-alias/route.ts' resolves to no file: " +
  "tsconfig.json paths entry '@/*' -> './src/*' tried 'src/lib/nowhere' (.ts, .tsx, .js, ... and /index). " +
  'Fix the import, create the file, or fix the paths entry in tsconfig.json.';

describe('a create-next-app project (src/app, tsconfig paths), served in place', () => {
  const log = recordingLogger();
  const app = createApp({ routesDir: path.join(PROJECT, 'src', 'app'), logger: log.logger });

  test.each([
    ["'@/lib/greeting' (paths '@/*') importing 'server-only'", '/api/hello', { greeting: 'hello from src/lib' }],
    ["bare 'lib/version' under baseUrl (set in the extended tsconfig.base.json)", '/api/bare', { version: '1.2.3' }],
    ["the exact entry 'auth' -> './auth'", '/api/exact', { user: 'ada' }],
    ['the .well-known dot folder', '/.well-known/openid-configuration', { issuer: 'https://issuer.example' }],
  ])('%s', async (_name, url, body) => {
    const res = await request(app).get(url);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(body);
  });

  test('JSX in route.tsx and an imported .tsx compiles with the automatic runtime (React not in scope)', async () => {
    const res = await request(app).get('/api/jsx');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ type: 'section', id: 'card', child: { label: 'new' }, badge: { type: 'span', props: { className: 'badge', children: 'new' } } });
  });

  test("'next/server.js' and 'next/headers.js' (the file names ESM packages import) are nextpress's", async () => {
    const res = await request(app).get('/api/next-js').set('x-test', 'seen');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ test: 'seen' });
  });

  test('a _private folder stays private', async () => {
    expect(app.locals.nextpress.routes.map((route) => route.pattern)).not.toContain('/hidden');
    expect((await request(app).get('/hidden')).status).toBe(404);
  });

  test("'client-only' throws as in Next's react-server build: 500, logged naming the route and the importing file", async () => {
    const res = await request(app).get('/api/client');
    expect(res.status).toBe(500);
    expect(res.text).toBe('');
    expect(log.lines.filter((line) => line.level === 'error').map((line) => line.msg)).toContain(
      `${CLIENT_ONLY_FAILURE} The file is loaded again on the next request.`,
    );
  });

  test('an alias that matches no file names the import and the tsconfig entry tried', async () => {
    const res = await request(app).get('/api/missing-alias');
    expect(res.status).toBe(500);
    expect(res.text).toBe('');
    expect(log.lines.filter((line) => line.level === 'error').map((line) => line.msg)).toContain(
      `${MISSING_ALIAS_FAILURE} The file is loaded again on the next request.`,
    );
  });
});

describe('preload reports every broken file in one start', () => {
  test('both broken route files, in one error, without "loaded again on the next request"', async () => {
    const app = createApp({ routesDir: path.join(PROJECT, 'src', 'app'), preload: true, logger: recordingLogger().logger });
    const error = await app.locals.nextpress.ready.then(
      () => undefined,
      (failure: unknown) => failure as Error,
    );
    expect(error?.message).toBe(`2 route files failed to load:\n  - ${CLIENT_ONLY_FAILURE}\n  - ${MISSING_ALIAS_FAILURE}\nFix them and start again.`);
  });
});

describe('a JavaScript project (jsconfig.json with extends)', () => {
  test("'@/components/...' from jsconfig paths, 'server-only' and JSX in .jsx", async () => {
    const app = createApp({ routesDir: path.join(FIXTURES, 'next-project-js', 'app'), logger: recordingLogger().logger });
    const res = await request(app).get('/api/greet');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ greeting: 'hello, js', tag: 'em' });
  });
});

describe('a project with the real next and server-only installed', () => {
  /** A project whose node_modules has packages that throw when loaded, as the real ones would here. */
  function projectWithRealPackages(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nextpress-real-next-'));
    made.push(dir);
    const files: Record<string, string> = {
      'node_modules/next/package.json': JSON.stringify({
        name: 'next',
        version: '16.0.0',
        exports: { './server': './server.js', './server.js': './server.js' },
      }),
      'node_modules/next/server.js': "throw new Error('the real next was loaded');\n",
      'node_modules/server-only/package.json': JSON.stringify({ name: 'server-only', version: '0.0.1', main: 'index.js' }),
      'node_modules/server-only/index.js': "throw new Error('This module cannot be imported from a Client Component module.');\n",
      'app/api/x/route.ts':
        "import 'server-only';\nimport { NextResponse } from 'next/server';\n\nexport function GET() {\n  return NextResponse.json({ next: 'nextpress' });\n}\n",
    };
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
  }

  test("route files still get nextpress's next/server and the empty server-only", async () => {
    const app = createApp({ routesDir: path.join(projectWithRealPackages(), 'app'), logger: recordingLogger().logger });
    const res = await request(app).get('/api/x');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ next: 'nextpress' });
  });
});

test("the project's jsxImportSource is honoured, as by Next's compiler", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nextpress-jsx-source-'));
  made.push(dir);
  const files: Record<string, string> = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'preserve', jsxImportSource: 'my-jsx' } }),
    'node_modules/my-jsx/package.json': JSON.stringify({ name: 'my-jsx', version: '1.0.0' }),
    'node_modules/my-jsx/jsx-runtime.js': "exports.jsx = (type, props) => ({ made: 'by my-jsx', type, props });\nexports.jsxs = exports.jsx;\n",
    'app/api/x/route.tsx': 'export function GET() {\n  return Response.json(<b title="t" />);\n}\n',
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const app = createApp({ routesDir: path.join(dir, 'app'), logger: recordingLogger().logger });
  const res = await request(app).get('/api/x');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ made: 'by my-jsx', type: 'b', props: { title: 't' } });
});
