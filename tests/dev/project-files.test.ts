/**
 * `dev <dir>` over the real CLI, on a Next project: `.env`, next.config, proxy.ts and tsconfig
 * `paths` are edited while requests run; each change must be served within a second by the same
 * process, with one log line naming the file; a broken next.config or proxy.ts is reported and the
 * last good one keeps serving.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildCli, cleanUp, listeningUrl, runCli, writeApp, type CliRun } from '../cli/helpers';

const config = (value: string) => `export default {
  async headers() {
    return [{ source: '/:path*', headers: [{ key: 'x-config', value: '${value}' }] }];
  },
};
`;
const proxy = (value: string) => `import { NextResponse } from 'next/server';

export function proxy() {
  const response = NextResponse.next();
  response.headers.set('x-proxy', '${value}');
  return response;
}
`;
const tsconfig = (folder: string) => `${JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@words/*': [`./${folder}/*`] } } }, null, 2)}\n`;

let project: string;
let run: CliRun;
let url: string;

beforeAll(async () => {
  const cli = buildCli();
  project = writeApp({
    'package.json': '{ "name": "dev-project", "private": true }\n',
    '.env': 'GREETING=hello\n',
    'next.config.mjs': config('one'),
    'proxy.ts': proxy('a'),
    'tsconfig.json': tsconfig('one'),
    'one/word.ts': "export const word = 'from one';\n",
    'two/word.ts': "export const word = 'from two';\n",
    'app/api/state/route.ts': `import { word } from '@words/word';

export function GET() {
  return Response.json({ greeting: process.env.GREETING ?? null, word, pid: process.pid });
}
`,
  });
  run = runCli(cli, project, { NODE_ENV: undefined, GREETING: undefined }, ['dev', project]);
  url = await listeningUrl(run);
}, 60_000);

afterAll(cleanUp);

const write = (file: string, text: string) => writeFileSync(path.join(project, file), text);

interface State {
  status: number;
  config: string | null;
  proxy: string | null;
  body: { greeting: string | null; word: string; pid: number };
}

async function state(): Promise<State> {
  const res = await fetch(`${url}/api/state`);
  return { status: res.status, config: res.headers.get('x-config'), proxy: res.headers.get('x-proxy'), body: await res.json() };
}

/** Polls until `done` holds; resolves with how long it took (fails past `limitMs`). */
async function servedWithin(done: (now: State) => boolean, limitMs = 1000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const now = await state();
    if (done(now)) return Date.now() - started;
    if (Date.now() - started > limitMs) throw new Error(`not served within ${limitMs} ms: ${JSON.stringify(now)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const logged = (pattern: RegExp) => run.waitFor((line) => typeof line.msg === 'string' && pattern.test(line.msg), 3000);

describe('dev: the project files', () => {
  test('.env, next.config, proxy.ts and tsconfig paths: each change served within a second by the same process', async () => {
    const first = await state();
    expect(first).toEqual({ status: 200, config: 'one', proxy: 'a', body: { greeting: 'hello', word: 'from one', pid: run.child.pid } });

    // Requests keep running through every change: none may fail.
    let stop = false;
    const statuses: number[] = [];
    const load = (async () => {
      while (!stop) {
        statuses.push((await fetch(`${url}/api/state`)).status); // a failed request ends the loop (and the test)
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();

    try {
      write('.env', 'GREETING=bonjour\n');
      expect(await servedWithin((now) => now.body.greeting === 'bonjour')).toBeLessThan(1000);
      await logged(/ reloaded \.env in \d+ ms/);

      write('next.config.mjs', config('two'));
      expect(await servedWithin((now) => now.config === 'two')).toBeLessThan(1000);
      await logged(/ reloaded next\.config\.mjs in \d+ ms/);

      write('proxy.ts', proxy('b'));
      expect(await servedWithin((now) => now.proxy === 'b')).toBeLessThan(1000);
      await logged(/ reloaded proxy\.ts in \d+ ms/);

      write('tsconfig.json', tsconfig('two'));
      expect(await servedWithin((now) => now.body.word === 'from two')).toBeLessThan(1000);
      await logged(/ reloaded tsconfig\.json in \d+ ms/);
    } finally {
      stop = true;
    }
    await load;
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect((await state()).body.pid).toBe(first.body.pid); // never restarted
  }, 40_000);

  test('a broken next.config or proxy.ts is reported; the last good one keeps serving until it is fixed', async () => {
    write('next.config.mjs', 'export default {\n  async headers( {\n');
    await logged(/ Reload failed: Failed to load next\.config\.mjs \(import\): /);
    expect(await state()).toMatchObject({ status: 200, config: 'two', proxy: 'b' });
    write('next.config.mjs', config('three'));
    expect(await servedWithin((now) => now.config === 'three')).toBeLessThan(1000);

    write('proxy.ts', 'export function proxy( {\n');
    await logged(/ Reload failed: Failed to load proxy file "\.\/proxy\.ts": /);
    expect(await state()).toMatchObject({ status: 200, config: 'three', proxy: 'b' });
    write('proxy.ts', proxy('c'));
    expect(await servedWithin((now) => now.proxy === 'c')).toBeLessThan(1000);
  }, 20_000);
});
