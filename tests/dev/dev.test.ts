/**
 * `dev` over the real CLI: route files and what they import are edited, added and deleted while
 * requests run; each change must be served within a second, by the same process (no restart), and
 * a conflict must keep the last good route table serving.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildCli, cleanUp, fetchText, listeningUrl, runCli, writeApp, type CliRun } from '../cli/helpers';

const item = (version: number) => `import { greet } from '../../../_lib/greet';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return Response.json({ version: ${version}, id, greeting: greet(), pid: process.pid });
}
`;
const greet = (word: string) => `export function greet() {
  return '${word}';
}
`;

let app: string;
let run: CliRun;
let url: string;

beforeAll(async () => {
  const cli = buildCli();
  app = writeApp({ 'routes/api/items/[id]/route.ts': item(1), 'routes/_lib/greet.ts': greet('hello') });
  run = runCli(cli, app, { NODE_ENV: 'development', LOG_LEVEL: 'info' }, ['dev']);
  url = await listeningUrl(run);
}, 30_000);

afterAll(cleanUp);

const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
  writeFileSync(path.join(app, file), text);
};

/** Polls `url` until `done` holds; resolves with how long it took (fails past `limitMs`). */
async function servedWithin(target: string, done: (res: { status: number; body: string }) => boolean, limitMs = 1000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const res = await fetchText(`${url}${target}`);
    if (done(res)) return Date.now() - started;
    if (Date.now() - started > limitMs) throw new Error(`not served within ${limitMs} ms: ${target} -> ${res.status} ${res.body}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('dev', () => {
  test('edits, new and deleted routes and an edited import are served within a second by the same process; a conflict keeps the last table', async () => {
    const first = JSON.parse((await fetchText(`${url}/api/items/1`)).body);
    expect(first).toEqual({ version: 1, id: '1', greeting: 'hello', pid: run.child.pid });

    // Requests keep running through every change: none may fail.
    let stop = false;
    const statuses: number[] = [];
    const load = (async () => {
      while (!stop) {
        statuses.push((await fetchText(`${url}/api/items/7`)).status);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();

    write('routes/api/items/[id]/route.ts', item(2));
    expect(await servedWithin('/api/items/1', (res) => res.body.includes('"version":2'))).toBeLessThan(1000);

    write('routes/_lib/greet.ts', greet('bonjour'));
    expect(await servedWithin('/api/items/1', (res) => res.body.includes('"greeting":"bonjour"'))).toBeLessThan(1000);

    write('routes/api/fresh/route.ts', 'export function GET() { return new Response("fresh"); }\n');
    expect(await servedWithin('/api/fresh', (res) => res.status === 200 && res.body === 'fresh')).toBeLessThan(1000);

    rmSync(path.join(app, 'routes/api/fresh'), { recursive: true });
    expect(await servedWithin('/api/fresh', (res) => res.status === 404)).toBeLessThan(1000);

    // A conflict: reported, and the last good table keeps serving.
    write('routes/api/items/[other]/route.ts', 'export function GET() { return new Response("other"); }\n');
    await run.waitFor(
      (line) => typeof line.msg === 'string' && line.msg.includes("You cannot use different slug names for the same dynamic path ('id' !== 'other')."),
      3000,
    );
    // One line, once: the message names both files and the fix; no error object, no engine stack.
    const conflictLines = run
      .stdout()
      .split('\n')
      .filter((line) => line.includes("'id' !== 'other'"));
    expect(conflictLines).toHaveLength(1);
    expect(conflictLines[0]).toMatch(/ERROR: Reload failed: You cannot use different slug names .* The last good route table keeps serving\.\s*$/);
    expect(run.stdout()).not.toMatch(/"type": "NextpressError"|engine\.js|"expose"/);
    const during = JSON.parse((await fetchText(`${url}/api/items/3`)).body);
    expect(during).toMatchObject({ version: 2, id: '3', greeting: 'bonjour' });
    rmSync(path.join(app, 'routes/api/items/[other]'), { recursive: true });
    write('routes/api/items/[id]/route.ts', item(3));
    expect(await servedWithin('/api/items/1', (res) => res.body.includes('"version":3'))).toBeLessThan(1000);

    stop = true;
    await load;
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    const last = JSON.parse((await fetchText(`${url}/api/items/1`)).body);
    expect(last.pid).toBe(first.pid); // never restarted
    expect(run.stdout()).toMatch(/reloaded api\/items\/\[id\]\/route\.ts in \d+ ms/);
  }, 40_000);
});

describe('dev: a handler error', () => {
  test('answers a readable 500 (JSON, or HTML for a browser) and is logged once, without Express or Node frames', async () => {
    write('routes/api/fails/route.ts', "export function GET(): Response {\n  throw new Error('fails <here>');\n}\n");
    await servedWithin('/api/fails', (res) => res.status === 500);
    const start = run.stdout().length; // the log from here on is these two requests'

    const json = await fetch(`${url}/api/fails`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(500);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await json.json()).toEqual({
      error: 'fails <here>',
      name: 'Error',
      route: 'api/fails/route.ts',
      file: 'api/fails/route.ts', // relative to the routes folder: ROUTES_DIR is served, not a project
      line: 2,
      column: 9,
      codeFrame: "  1 | export function GET(): Response {\n> 2 |   throw new Error('fails <here>');\n    |         ^\n  3 | }\n  4 |",
      stack: ['GET (api/fails/route.ts:2:9)'],
    });

    const page = await fetch(`${url}/api/fails`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(500);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('<h1>Error: fails &lt;here&gt;</h1>');
    expect(html).not.toContain('<here>');

    // Two requests, two error lines, each with the message twice (the err's message and its stack) and one frame.
    // (An error line is written whole, before its response; the request lines may trail.)
    const errorLines = () =>
      run
        .stdout()
        .slice(start)
        .match(/ERROR: Error in route handler 'api\/fails\/route\.ts'/g) ?? [];
    await run.waitFor(() => errorLines().length >= 2, 3000);
    const log = run.stdout().slice(start);
    expect(log.match(/ERROR: Error in route handler 'api\/fails\/route\.ts'/g)).toHaveLength(2);
    expect(log.match(/fails <here>/g)).toHaveLength(4);
    expect(log.match(/^\s*at .*$/gm)?.map((frame) => frame.trim())).toEqual(['at GET (api/fails/route.ts:2:9)', 'at GET (api/fails/route.ts:2:9)']);
    expect(log).toContain('at GET (api/fails/route.ts:2:9)');
    expect(log).not.toMatch(/node_modules[\\/](?:express|router)[\\/]/);
    expect(log).not.toContain('node:internal');
  }, 20_000);
});

describe('dev: a route file with a syntax error', () => {
  test('is logged as one line naming the file, the line and the fix, once per request; the error page still points at the line', async () => {
    write('routes/api/broken/route.ts', 'export function GET() {\n  return Respo nse.json({});\n}\n');
    await servedWithin('/api/broken', (res) => res.status === 500);
    const start = run.stdout().length;
    const json = await fetch(`${url}/api/broken`, { headers: { accept: 'application/json' } });
    expect(await json.json()).toMatchObject({ route: 'api/broken/route.ts', line: 2, column: 14 });
    const message =
      "Failed to load route file 'api/broken/route.ts': a syntax error at '" +
      path.join(app, 'routes', 'api', 'broken', 'route.ts') +
      ":2:14': Missing semicolon. Fix the code there. The file is loaded again on the next request.";
    await run.waitFor(() => run.stdout().slice(start).includes(message), 3000);
    const log = run.stdout().slice(start);
    expect(log.split('\n').filter((line) => line.includes('ERROR:'))).toEqual([expect.stringMatching(/ERROR: (.*) \{"file":"api\/broken\/route\.ts"\}$/)]);
    expect(log.split('\n').find((line) => line.includes('ERROR:'))).toContain(`ERROR: ${message} {"file":"api/broken/route.ts"}`);
    expect(log).not.toContain('ParseError');
    expect(log).not.toContain('"failure"');
  }, 20_000);
});

describe('dev: files that cannot change what is served', () => {
  test('a dev.log (or any *.log) written inside the project reloads nothing', async () => {
    const start = run.stdout().length;
    writeFileSync(path.join(app, 'dev.log'), 'a request line\n');
    writeFileSync(path.join(app, 'routes', 'api', 'npm-debug.log'), 'noise\n');
    await new Promise((resolve) => setTimeout(resolve, 300)); // ten times the watcher's settle time
    write('routes/api/items/[id]/route.ts', item(4));
    await run.waitFor(() => /reloaded api\/items\/\[id\]\/route\.ts in \d+ ms/.test(run.stdout().slice(start)), 3000);
    expect(run.stdout().slice(start)).not.toMatch(/reloaded (?:dev\.log|api\/npm-debug\.log|\d+ files)/);
  }, 20_000);
});
