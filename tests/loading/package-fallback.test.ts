/**
 * A routes folder outside any project (ROUTES_DIR=/tmp/...), served by the compiled CLI: a package
 * it has not installed resolves from nextpress's own (subpaths and `exports` maps included), one it
 * has installed wins, an ES module with top-level await loads natively, and nothing is done through
 * NODE_PATH (the process's environment is left as it was).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { buildCli, cleanUp, fetchText, listeningUrl, runCli, writeApp } from '../cli/helpers';

let url: string;

beforeAll(async () => {
  const cli = buildCli();
  const app = writeApp({
    // Not installed here: nextpress's own (bytes, next-auth/jwt via its exports map).
    'routes/shipped/route.ts': `import bytes from 'bytes';
import { getToken } from 'next-auth/jwt';

export function GET() {
  return Response.json({ bytes: bytes(2048), getToken: typeof getToken, nodePath: process.env.NODE_PATH ?? null });
}
`,
    // Installed in the folder: its own copy, though nextpress has one of the same name.
    'routes/own/route.ts': `import { which } from 'zod';

export function GET() {
  return Response.json({ which });
}
`,
    'routes/node_modules/zod/package.json': '{ "name": "zod", "version": "0.0.0-local", "main": "index.js" }\n',
    'routes/node_modules/zod/index.js': "exports.which = 'the routes folder copy';\n",
    // An ES module with top-level await: imported natively, not required.
    'routes/esm/route.ts': `import { ready } from 'tla-package';

export function GET() {
  return Response.json({ ready });
}
`,
    'routes/node_modules/tla-package/package.json': '{ "name": "tla-package", "type": "module", "exports": "./index.js" }\n',
    'routes/node_modules/tla-package/index.js': 'export const ready = await Promise.resolve("awaited");\n',
    'routes/missing/route.ts': `import nothing from 'not-installed-anywhere';

export function GET() {
  return Response.json({ nothing });
}
`,
  });
  const run = runCli(cli, app, { NODE_PATH: undefined });
  url = await listeningUrl(run);
}, 60_000);

afterAll(cleanUp);

describe('packages of a routes folder outside any project', () => {
  test("not installed there: nextpress's own, through the loader (no NODE_PATH)", async () => {
    const res = await fetchText(`${url}/shipped`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ bytes: '2KB', getToken: 'function', nodePath: null });
  });

  test('installed there: its own copy wins', async () => {
    const res = await fetchText(`${url}/own`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ which: 'the routes folder copy' });
  });

  test('an ES module package with top-level await', async () => {
    const res = await fetchText(`${url}/esm`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ready: 'awaited' });
  });

  test('installed nowhere: the route fails to load (500), the server keeps serving', async () => {
    expect((await fetchText(`${url}/missing`)).status).toBe(500);
    expect((await fetchText(`${url}/own`)).status).toBe(200);
  });
});
