/**
 * The CLI's commands and flags, each run as a real child process (`node <cli> <args>`):
 *   - `node server start` from a fresh copy of the repo (no dist/): builds, then answers over HTTP;
 *   - start: -p/--port and -H/--hostname over PORT over .env, [dir] as a Next project, bad values
 *     named by their flag, "Listening on" on stderr at LOG_LEVEL=warn;
 *   - usage errors (unknown flag or command, missing value): exit 2, message and usage on stderr;
 *   - --help (global and per command), --version;
 *   - routes (text, --json, [dir]) and check (a clean folder, one with several problems, a Next
 *     project's next.config and proxy files).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usage } from '../../server/cli/usage';
import { buildCli, cleanUp, fetchText, listeningUrl, ROOT, ROUTES, runCli, within, writeApp, type CliRun } from './helpers';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
let cli: string;
let app: string;

beforeAll(() => {
  cli = buildCli();
  app = writeApp(ROUTES);
}, 30_000);

afterAll(cleanUp);

/** A port that was free a moment ago: listen on 0, read it, close. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs a command that exits by itself; resolves with its code and output. */
async function runToEnd(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}) {
  const run = runCli(cli, options.cwd ?? app, options.env ?? {}, args);
  const { code } = await within(run.exited, 20_000, `node cli ${args.join(' ')}`);
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

async function stop(run: CliRun): Promise<void> {
  run.child.kill('SIGTERM');
  expect((await within(run.exited, 10_000, 'exit')).code).toBe(0);
}

describe('node server start, from a fresh copy of the repo', () => {
  let clone: string;

  beforeAll(() => {
    clone = mkdtempSync(join(tmpdir(), 'nextpress-clone-'));
    for (const entry of ['server', 'config', 'middleware', 'routes', 'package.json', 'scripts']) {
      cpSync(join(ROOT, entry), join(clone, entry), { recursive: true });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
  });

  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  const startClone = (port: number) => runCli(join(clone, 'server'), clone, { ROUTES_DIR: undefined }, ['start', '--port', String(port)]);

  test('builds dist/ first, then serves the demo routes on the --port port; a fresh build is reused, a stale one rebuilt', async () => {
    const port = await freePort();
    const first = startClone(port);
    expect(await listeningUrl(first)).toBe(`http://127.0.0.1:${port}`);
    expect(first.stderr()).toBe('[nextpress] dist/ is missing: building it (npm run build)\n');
    const hello = await fetchText(`http://127.0.0.1:${port}/api/hello`);
    expect([hello.status, hello.body]).toEqual([200, 'Hello, Next.js!']);
    await stop(first);

    const second = startClone(port);
    await listeningUrl(second);
    expect(second.stderr()).toBe('');
    await stop(second);

    const later = new Date(Date.now() + 5_000);
    utimesSync(join(clone, 'server', 'app.ts'), later, later);
    const third = startClone(port);
    await listeningUrl(third);
    expect(third.stderr()).toBe('[nextpress] dist/ is older than the sources: building it (npm run build)\n');
    expect((await fetchText(`http://127.0.0.1:${port}/api/hello`)).body).toBe('Hello, Next.js!');
    await stop(third);
  }, 60_000);
});

describe('start', () => {
  test('package.json runs `start` for npm start, so `npm start -- -p 4000` reaches it', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('node dist/server/cli.js start');
  });

  test('--port beats PORT; --hostname beats HOST', async () => {
    const port = await freePort();
    // PORT=1 and HOST=192.0.2.1 would both fail to listen: the flags must win.
    const run = runCli(cli, app, { PORT: '1', HOST: '192.0.2.1' }, ['start', '--port', String(port), '--hostname', '127.0.0.1']);
    expect(await listeningUrl(run)).toBe(`http://127.0.0.1:${port}`);
    const pid = await fetchText(`http://127.0.0.1:${port}/pid`);
    expect([pid.status, pid.body]).toEqual([200, JSON.stringify({ pid: run.child.pid })]);
    await stop(run);
  });

  test('-p and -H, with no command (start is the default)', async () => {
    const port = await freePort();
    const run = runCli(cli, app, { HOST: undefined }, ['-p', String(port), '-H', '127.0.0.1']);
    expect(await listeningUrl(run)).toBe(`http://127.0.0.1:${port}`);
    await stop(run);
  });

  test('an environment variable beats the .env file', async () => {
    const port = await freePort();
    const dir = writeApp({ ...ROUTES, '.env': 'PORT=1\nHOST=192.0.2.1\n' });
    const run = runCli(cli, dir, { PORT: String(port) });
    expect(await listeningUrl(run)).toBe(`http://127.0.0.1:${port}`);
    await stop(run);
  });

  test("[dir] with app/ serves that Next project; with neither [dir] nor ROUTES_DIR the working folder's app/", async () => {
    const project = writeApp({ 'app/api/where/route.ts': "export const GET = () => new Response('app folder');" });
    const byDir = runCli(cli, app, { ROUTES_DIR: undefined }, ['start', project]);
    expect((await fetchText(`${await listeningUrl(byDir)}/api/where`)).body).toBe('app folder');
    await stop(byDir);

    const byCwd = runCli(cli, project, { ROUTES_DIR: undefined }, ['start']);
    expect((await fetchText(`${await listeningUrl(byCwd)}/api/where`)).body).toBe('app folder');
    await stop(byCwd);
  });

  test("a Next project's next.config and proxy.ts run under start; the files read are logged", async () => {
    const project = writeApp({
      'app/api/where/route.ts': "export const GET = () => new Response('app folder');",
      'next.config.mjs': "export default { async redirects() { return [{ source: '/old', destination: '/api/where', permanent: true }]; } };\n",
      'proxy.ts': "export function proxy(request) { if (request.nextUrl.pathname === '/api/where') return new Response('guarded', { status: 401 }); }\n",
    });
    const run = runCli(cli, app, { ROUTES_DIR: undefined }, ['start', project]);
    const url = await listeningUrl(run);
    const read = await run.waitFor((line) => line.msg?.startsWith('Read from the project') === true);
    expect(read.msg).toBe('Read from the project: next.config.mjs, ./proxy.ts (next.config and proxy run before the routes)');
    const moved = await fetchText(`${url}/old`);
    expect([moved.status, moved.headers.location]).toEqual([308, '/api/where']);
    expect(await fetchText(`${url}/api/where`)).toMatchObject({ status: 401, body: 'guarded' });
    await stop(run);
  });

  test('LOG_LEVEL=warn: nothing on stdout, and "Listening on <url>" on stderr', async () => {
    const port = await freePort();
    const run = runCli(cli, app, { LOG_LEVEL: 'warn' }, ['start', '-p', String(port)]);
    const listening = `Listening on http://127.0.0.1:${port}\n`;
    await within(
      new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (run.stderr() === listening) resolve(clearInterval(poll));
        }, 20);
      }),
      10_000,
      'the Listening line on stderr',
    );
    expect((await fetchText(`http://127.0.0.1:${port}/pid`)).status).toBe(200);
    await stop(run);
    expect(run.stdout()).toBe('');
    expect(run.stderr()).toBe(listening);
  });

  test('a bad flag value goes through the config schema and is named by its flag: exit 1', async () => {
    expect(await runToEnd(['start', '--port', 'abc', '-H', 'not a host!'], { env: { BODY_LIMIT: 'huge' } })).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        '[nextpress] Invalid arguments and environment (3 problems):',
        '  --port: "abc" is not a port; expected an integer 0-65535',
        '  --hostname: "not a host!" is not a host; expected an IP address or host name (e.g. 0.0.0.0, ::, localhost); unset listens on every interface',
        '  BODY_LIMIT: "huge" is not a size; expected bytes or a number with b, kb, mb, gb (e.g. 512kb, 10mb)',
        '',
      ].join('\n'),
    });
    expect(await runToEnd(['start', '--port', '70000'], { env: { PORT: 'also-bad' } })).toEqual({
      code: 1,
      stdout: '',
      stderr: '[nextpress] Invalid arguments (1 problem):\n  --port: "70000" is not a port; expected an integer 0-65535\n',
    });
  });

  test('a [dir] that does not exist is named as [dir]: exit 1', async () => {
    const missing = join(app, 'no-such-folder');
    expect(await runToEnd(['start', 'no-such-folder'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `[nextpress] Invalid arguments (1 problem):\n  [dir]: "no-such-folder" does not exist (resolved to ${missing}); expected a folder of route files, absolute or relative to the working directory\n`,
    });
  });
});

describe('usage errors: exit 2, the message and the usage on stderr', () => {
  test.each([
    [['start', '--nope'], "[nextpress] Unknown option '--nope' for 'start'. Run 'node server start --help' for its options.\n\n" + usage('start')],
    [['--nope'], "[nextpress] Unknown option '--nope' for 'start'. Run 'node server start --help' for its options.\n\n" + usage('start')],
    [['routes', '-p', '3000'], "[nextpress] Unknown option '-p' for 'routes'. Run 'node server routes --help' for its options.\n\n" + usage('routes')],
    [['start', '--port'], "[nextpress] Option '--port' needs a value, e.g. '--port <port>'.\n\n" + usage('start')],
    [['serve'], "[nextpress] Unknown command 'serve'. Expected one of: start, dev, routes, check.\n\n" + usage()],
  ])('%j', async (args, stderr) => {
    expect(await runToEnd(args)).toEqual({ code: 2, stdout: '', stderr });
  });
});

describe('--help and --version', () => {
  test('--help and -h print the global help to stdout, exit 0', async () => {
    const expected = [
      'Usage: node server [command] [dir] [options]',
      '',
      'Serves Next.js App Router route handlers (app/**/route.ts) on Express 5.',
      '',
      'Commands:',
      '  start [dir]   serve the routes over HTTP (the default command; what `npm start` runs)',
      '  dev [dir]     serve in development: edits, new and deleted route files are served without a restart',
      '  routes [dir]  print the route table and exit',
      '  check [dir]   import every route file and report every problem at once; exit 1 if any',
      '',
      '[dir]: a Next project (its app/ or src/app/ folder is served, from the project root) or a folder of route files.',
      'Without one: the current folder if it has app/ or src/app/, else ROUTES_DIR, else the demo routes/.',
      '',
      'Options:',
      "  -h, --help     show this help (node server <command> --help: the command's options)",
      '  -v, --version  print the version',
      '',
      'Exit codes: 0 done, 1 a problem (a bad setting, a route conflict, a route file that fails), 2 a bad command line.',
      '',
    ].join('\n');
    expect(await runToEnd(['--help'])).toEqual({ code: 0, stdout: expected, stderr: '' });
    expect(await runToEnd(['-h'])).toEqual({ code: 0, stdout: expected, stderr: '' });
  });

  test('start --help lists its flags', async () => {
    const expected = [
      'Usage: node server start [dir] [options]',
      '',
      'Serve the routes over HTTP (the default command; what `npm start` runs).',
      'Prints the route table, then "Listening on <url>" (to stderr when LOG_LEVEL is above info).',
      '',
      '[dir]: a Next project (its app/ or src/app/ folder is served, from the project root) or a folder of route files.',
      'Without one: the current folder if it has app/ or src/app/, else ROUTES_DIR, else the demo routes/.',
      '',
      'Options:',
      '  -p, --port <port>      port to listen on (PORT; default 3000; 0 picks a free one)',
      '  -H, --hostname <host>  interface to listen on (HOST; default every interface)',
      '      --routes <dir>     the routes folder itself (wins over [dir] and ROUTES_DIR)',
      '  -h, --help             show this help',
      '',
      'Flags win over environment variables, which win over the env files (.env.$NODE_ENV.local, .env.local, .env.$NODE_ENV, .env).',
      '',
    ].join('\n');
    expect(await runToEnd(['start', '--help'])).toEqual({ code: 0, stdout: expected, stderr: '' });
  });

  test('routes --help says the route files are imported (that is how their methods are listed)', async () => {
    const result = await runToEnd(['routes', '--help']);
    expect(result.stdout.split('\n').slice(0, 5)).toEqual([
      'Usage: node server routes [dir] [options]',
      '',
      'Print the route table and exit.',
      'One line per route: methods, URL pattern, file. Each route file is imported (as `start` with PRELOAD_ROUTES=true',
      'does, from the project root) to list the methods it exports: its top-level code runs.',
    ]);
  });

  test.each(['routes', 'check'] as const)('%s -h prints its own usage', async (command) => {
    const result = await runToEnd([command, '-h']);
    expect(result).toEqual({ code: 0, stdout: usage(command), stderr: '' });
    expect(result.stdout.startsWith(`Usage: node server ${command} [dir] [options]\n`)).toBe(true);
    expect(result.stdout).toMatch(/\nOptions:\n {6}--routes <dir> {2,}the routes folder itself \(wins over \[dir\] and ROUTES_DIR\)\n/);
  });

  test.each(['--version', '-v'])("%s prints package.json's version", async (flag) => {
    expect(await runToEnd([flag])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });
});

describe('routes', () => {
  test('--json: the demo routes (no [dir], no ROUTES_DIR, no app/ here), exactly', async () => {
    const result = await runToEnd(['routes', '--json'], { cwd: writeApp({}), env: { ROUTES_DIR: undefined } });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([
      { pattern: '/api/about', methods: ['GET'], file: '(marketing)/api/about/route.ts' },
      { pattern: '/api/auth/[...nextauth]', methods: ['GET', 'POST'], file: 'api/auth/[...nextauth]/route.ts' },
      { pattern: '/api/content-type', methods: ['GET'], file: 'api/content-type/route.js' },
      { pattern: '/api/docs/[...slug]', methods: ['GET'], file: 'api/docs/[...slug]/route.ts' },
      { pattern: '/api/github-users', methods: ['GET'], file: 'api/github-users/route.js' },
      { pattern: '/api/hello', methods: ['GET'], file: 'api/hello/route.js' },
      { pattern: '/api/me', methods: ['GET'], file: 'api/me/route.ts' },
      { pattern: '/api/redirect-to-user', methods: ['GET'], file: 'api/redirect-to-user/route.js' },
      { pattern: '/api/session', methods: ['GET'], file: 'api/session/route.ts' },
      { pattern: '/api/shop/[[...slug]]', methods: ['GET'], file: 'api/shop/[[...slug]]/route.ts' },
      { pattern: '/api/test', methods: ['GET'], file: 'api/test/route.js' },
      { pattern: '/api/username', methods: ['GET'], file: 'api/username/route.js' },
      { pattern: '/api/username/[user]', methods: ['GET'], file: 'api/username/[user]/route.js' },
    ]);
  });

  test('the table as text, for ROUTES_DIR', async () => {
    const dir = writeApp({
      'routes/users/[id]/route.ts': 'export function GET() {}\nexport function DELETE() {}\n',
      'routes/(shop)/cart/route.js': 'export async function POST() {}\n',
    });
    expect(await runToEnd(['routes'], { cwd: dir })).toEqual({
      code: 0,
      stdout: 'POST         /cart        (shop)/cart/route.js\nGET, DELETE  /users/[id]  users/[id]/route.ts\n',
      stderr: '',
    });
  });

  test('[dir] of a Next project with src/app/, --routes over [dir]', async () => {
    const project = writeApp({ 'src/app/api/a/route.ts': 'export const GET = () => {};\n', 'other/b/route.ts': 'export const PUT = () => {};\n' });
    expect(await runToEnd(['routes', project, '--json'])).toEqual({
      code: 0,
      stdout: '[\n  {\n    "pattern": "/api/a",\n    "methods": [\n      "GET"\n    ],\n    "file": "api/a/route.ts"\n  }\n]\n',
      stderr: '',
    });
    expect(JSON.parse((await runToEnd(['routes', project, '--routes', join(project, 'other'), '--json'])).stdout)).toEqual([
      { pattern: '/b', methods: ['PUT'], file: 'b/route.ts' },
    ]);
  });

  test('methods come from the imported module: `export * from` shows them (the source alone showed "(none)")', async () => {
    const dir = writeApp({
      'routes/lib/handlers.ts': 'export function GET() {}\nexport function PATCH() {}\n',
      'routes/items/route.ts': "export * from '../lib/handlers';\n",
      'routes/one/route.ts': "export { GET as POST } from '../lib/handlers';\n",
    });
    expect(await runToEnd(['routes'], { cwd: dir })).toEqual({
      code: 0,
      stdout: 'GET, PATCH  /items  items/route.ts\nPOST        /one    one/route.ts\n',
      stderr: '',
    });
  });

  test('a route file that fails to import: named, exit 1', async () => {
    const dir = writeApp({ 'routes/ok/route.ts': 'export function GET() {}\n', 'routes/broken/route.ts': "throw new Error('broken on purpose');\n" });
    const result = await runToEnd(['routes', '--json'], { cwd: dir });
    expect([result.code, result.stdout]).toEqual([1, '']);
    expect(result.stderr).toMatch(
      /^\[nextpress\] Failed to load route file 'broken\/route\.ts': broken on purpose \(thrown while loading '[^']+broken\/route\.ts'\)\. Fix it and run routes again\.\n$/,
    );
  });

  test('a conflict: its message and exit 1', async () => {
    const dir = writeApp({ 'routes/(a)/x/route.ts': 'export function GET() {}\n', 'routes/(b)/x/route.ts': 'export function GET() {}\n' });
    expect(await runToEnd(['routes'], { cwd: dir })).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "[nextpress] Conflicting routes at /x: route at /(a)/x/route and route at /(b)/x/route. Route files: '(a)/x/route.ts' and '(b)/x/route.ts'. Both answer /x (groups and @slots are not part of the URL): delete or move one of them.\n",
    });
  });
});

describe('check', () => {
  test('the demo routes: one summary line, exit 0', async () => {
    expect(await runToEnd(['check', 'routes'], { cwd: ROOT, env: { ROUTES_DIR: undefined } })).toEqual({
      code: 0,
      stdout: '[nextpress] check: 13 routes in routes/, every route file imported, no problems\n',
      stderr: '',
    });
  });

  test('a conflict, a route file that throws on import and a bad setting: all reported, exit 1', async () => {
    const dir = writeApp({
      'routes/(a)/x/route.ts': "export function GET() { return new Response('a'); }\n",
      'routes/(b)/x/route.ts': "export function GET() { return new Response('b'); }\n",
      'routes/broken/route.ts': "throw new Error('broken on purpose');\nexport function GET() { return new Response('never'); }\n",
      'routes/ok/route.ts': "export default function handler() {}\nexport function GET() { return new Response('ok'); }\n",
    });
    expect(await runToEnd(['check'], { cwd: dir, env: { HEALTH_PATH: 'healthz' } })).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        '[nextpress] check: 3 problems in routes/ (4 routes):',
        '  1. HEALTH_PATH: "healthz" is not a URL path; expected a URL path starting with / (e.g. /healthz)',
        "  2. Conflicting routes at /x: route at /(a)/x/route and route at /(b)/x/route. Route files: '(a)/x/route.ts' and '(b)/x/route.ts'. Both answer /x (groups and @slots are not part of the URL): delete or move one of them.",
        `  3. Failed to load route file 'broken/route.ts': broken on purpose (thrown while loading '${join(dir, 'routes', 'broken', 'route.ts')}'). Fix it and run check again.`,
        "  warning: Detected default export in 'ok/route.ts'. Export a named export for each HTTP method instead.",
        '',
      ].join('\n'),
    });
  });

  test('a Next project: its next.config and proxy files are read too, each problem named', async () => {
    const dir = writeApp({
      'app/api/x/route.ts': "export function GET() { return new Response('x'); }\n",
      'next.config.mjs': "export default { async redirects() { return [{ source: 'old', destination: '/new', permanent: true }]; } };\n",
      'proxy.ts': 'export function proxy() {}\n',
      'src/middleware.ts': 'export function middleware() {}\n',
    });
    expect(await runToEnd(['check', dir])).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        `[nextpress] check: 2 problems in ${join(dir, 'app')}/ (1 route):`,
        '  1. Invalid redirects[0] in next.config.mjs: `source` does not start with /. See https://nextjs.org/docs/app/api-reference/config/next-config-js',
        '  2. Both middleware file "./src/middleware.ts" and proxy file "./proxy.ts" are detected. Please use "./proxy.ts" only. Learn more: https://nextjs.org/docs/messages/middleware-to-proxy',
        '',
      ].join('\n'),
    });
  });

  test("an '@/' import that resolves to no file: check explains it as routes and start do (the tsconfig entry tried), no require stack", async () => {
    const project = writeApp({
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }\n',
      'src/app/api/x/route.ts': "import { thing } from '@/lib/nowhere';\nexport function GET() { return Response.json({ thing }); }\n",
    });
    const failure =
      "Failed to load route file 'api/x/route.ts': the import '@/lib/nowhere' in 'src/app/api/x/route.ts' resolves to no file: " +
      "tsconfig.json paths entry '@/*' -> './src/*' tried 'src/lib/nowhere' (.ts, .tsx, .js, ... and /index). " +
      'Fix the import, create the file, or fix the paths entry in tsconfig.json';
    expect(await runToEnd(['check'], { cwd: project })).toEqual({
      code: 1,
      stdout: '',
      stderr: `[nextpress] check: 1 problem in src/app/ (1 route):\n  1. ${failure}, then run check again.\n`,
    });
    expect(await runToEnd(['routes'], { cwd: project })).toEqual({ code: 1, stdout: '', stderr: `[nextpress] ${failure}, then run routes again.\n` });
  });

  test("an '@/' import with no paths entry and no tsconfig: the tsconfig.json to create, not a package to install", async () => {
    const project = writeApp({ 'app/api/x/route.ts': "import { thing } from '@/lib/db';\nexport function GET() { return Response.json({ thing }); }\n" });
    const route = join(project, 'app', 'api', 'x', 'route.ts');
    expect(await runToEnd(['check'], { cwd: project })).toEqual({
      code: 1,
      stdout: '',
      stderr:
        '[nextpress] check: 1 problem in app/ (1 route):\n' +
        `  1. Failed to load route file 'api/x/route.ts': the import '@/lib/db' in '${route}' is a path alias ('@/' never starts a package name), ` +
        `and there is no tsconfig.json or jsconfig.json to map it. Create ${join(project, 'tsconfig.json')} with { "compilerOptions": { "paths": { "@/*": ["./*"] } } }, ` +
        'or fix the import, then run check again.\n',
    });
  });

  test("a font fetched at a file's top level (an edge OG route): read from its file: URL; a missing one is a problem, not a crash of check", async () => {
    const font = "export const font = fetch(new URL('./font.ttf', import.meta.url)).then((res) => res.arrayBuffer());\n";
    const route = "import { font } from './font';\nexport async function GET() { return new Response(String((await font).byteLength)); }\n";
    const project = writeApp({
      'app/api/og/font.ts': font,
      'app/api/og/route.ts': route,
      'app/api/og/font.ttf': 'ttf!',
      'app/api/ok/route.ts': 'export function GET() {}\n',
    });
    expect(await runToEnd(['check'], { cwd: project })).toEqual({
      code: 0,
      stdout: '[nextpress] check: 2 routes in app/, every route file imported, no problems\n',
      stderr: '',
    });
    rmSync(join(project, 'app', 'api', 'og', 'font.ttf'));
    const missing = join(project, 'app', 'api', 'og', 'font.ttf');
    expect(await runToEnd(['check'], { cwd: project })).toEqual({
      code: 1,
      stdout: '',
      stderr:
        '[nextpress] check: 1 problem in app/ (2 routes):\n' +
        '  1. A promise started while the route files were imported rejected with nothing handling it: fetch failed ' +
        `(nextpress: there is no file at ${missing} (fetch of file://${missing}); fix the path, relative to the file that builds the URL). ` +
        'Under start the route that awaits it fails; handle the rejection or fix its cause.\n',
    });
  });

  test('a routes folder that does not exist is one problem, named by its flag', async () => {
    const missing = join(app, 'missing');
    expect(await runToEnd(['check', '--routes', 'missing'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `[nextpress] check: 1 problem in missing/ (0 routes):\n  1. --routes: "missing" does not exist (resolved to ${missing}); expected a folder of route files, absolute or relative to the working directory\n`,
    });
  });

  test('check <Next project>: its route files are imported from the project root, as start serves them; pages are counted as not served', async () => {
    const project = writeApp({
      'content/data.txt': 'at the root\n',
      'src/app/api/data/route.ts':
        "import { readFileSync } from 'node:fs';\nimport path from 'node:path';\n\nconst data = readFileSync(path.join(process.cwd(), 'content', 'data.txt'), 'utf8');\nexport const GET = () => new Response(data);\n",
      'src/app/page.tsx': 'export default function Page() {\n  return null;\n}\n',
    });
    expect(await runToEnd(['check', project])).toEqual({
      code: 0,
      stdout:
        `[nextpress] check: 1 route in ${join(project, 'src', 'app')}/, every route file imported, no problems\n` +
        '[nextpress] 1 file under src/app/ is a page, layout, metadata or style file: not served (nextpress serves route handlers only)\n',
      stderr: '',
    });
  });

  test('an empty .env value and a clean folder: exit 0', async () => {
    const dir = writeApp({ ...ROUTES, '.env': 'UNUSED=\n' });
    writeFileSync(join(dir, 'routes', 'extra.ts'), 'export const helper = 1;\n'); // not a route file
    expect(await runToEnd(['check'], { cwd: dir })).toEqual({
      code: 0,
      stdout: '[nextpress] check: 2 routes in routes/, every route file imported, no problems\n',
      stderr: '',
    });
  });
});
