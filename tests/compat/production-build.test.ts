/**
 * The same compatibility cases against the production build: the server built by `npm run build`
 * (scripts/build.mjs: one engine bundle, a one-line file for each way in) and started as `node dist/server/cli.js` with ROUTES_DIR and
 * PORT, so route files resolve next/* to the compiled modules. tests/cli/helpers.ts builds into a
 * private temp folder rather than dist/, which `npm run build` empties first (a race with anyone
 * else's build or `npm start`); the output is the same.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildCli, cleanUp, listeningUrl, runCli, writeApp, type CliRun } from '../cli/helpers';
import { ERA_CASES, type Client, type Era } from './era-cases';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const DRAFT_ID = 'compat-draft-id';
let cli: string;

beforeAll(() => {
  cli = buildCli();
}, 60_000);
afterAll(cleanUp);

/** Starts the compiled CLI on a routes folder and returns a client for it. */
async function start(routesDir: string, env: Record<string, string> = {}): Promise<{ run: CliRun; client: Client }> {
  const run = runCli(cli, writeApp({}), { ROUTES_DIR: routesDir, __NEXT_PREVIEW_MODE_ID: DRAFT_ID, ...env });
  const url = await listeningUrl(run);
  const client: Client = {
    get: (route, init) => fetch(url + route, { redirect: 'manual', ...init }),
    loggedErrors: () =>
      run.lines
        .filter((line) => typeof line.level === 'number' && line.level >= 50)
        .map((line) => ({ msg: String(line.msg), error: (line.err as { message?: string } | undefined)?.message })),
    draftId: DRAFT_ID,
  };
  return { run, client };
}

describe('the compiled next/* modules', () => {
  // jiti import()s compiled CommonJS natively, and Node sees only the names its CommonJS lexer
  // finds: each file lists them (`0 && (module.exports = { ... })`, as swc's exportInteropAnnotation
  // wrote them); without them jiti hands route files bound copies (NextResponse.json became Response.json).
  test.each(['server', 'headers', 'navigation', 'cache', 'og'])('next/%s exposes its named exports to import()', (name) => {
    const file = pathToFileURL(path.join(path.dirname(cli), 'next', `${name}.js`)).href;
    const script = `const ns = await import(${JSON.stringify(file)}); console.log(JSON.stringify(Object.keys(ns)));`;
    const names = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as string[];
    const expected = { server: 'NextResponse', headers: 'cookies', navigation: 'redirect', cache: 'unstable_cache', og: 'ImageResponse' }[name]!;
    expect(names).toContain(expected);
  });
});

describe.each(['13', '15'] as const)('compat-%s served by the compiled CLI', (era: Era) => {
  let client: Client;

  beforeAll(async () => {
    ({ client } = await start(path.join(FIXTURES, `compat-${era}`)));
  }, 30_000);

  test.each(ERA_CASES.filter((entry) => entry.eras.includes(era)).map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    await entry.run(client, era);
  });
});

describe('node-fetch responses from the compiled CLI (node-fetch v3 is ESM-only)', () => {
  const upstream = http.createServer((_req, res) => {
    res.writeHead(200, [
      ['content-type', 'text/plain'],
      ['set-cookie', 'u1=a; Path=/'],
      ['set-cookie', 'u2=b; Path=/'],
    ]);
    res.write('one\n');
    setTimeout(() => res.end('two\n'), 10);
  });
  let client: Client;

  beforeAll(async () => {
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/`;
    ({ client } = await start(path.join(FIXTURES, 'compat-fetch'), { COMPAT_UPSTREAM_URL: upstreamUrl }));
  }, 30_000);
  afterAll(async () => {
    upstream.closeAllConnections();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  test.each([
    ['v3', 'node-fetch-v3'],
    ['v2', 'node-fetch-v2'],
  ])('/%s: headers, every Set-Cookie and the streamed body', async (route, via) => {
    const res = await client.get(`/${route}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.headers.getSetCookie()).toEqual(['u1=a; Path=/', 'u2=b; Path=/', `via=${via}; Path=/`]);
    expect(await res.text()).toBe('one\ntwo\n');
  });
});
