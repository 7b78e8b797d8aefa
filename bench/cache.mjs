/**
 * @module `npm run build && node bench/cache.mjs [--quick]`: the response cache's benchmark row.
 * One ~1 KB JSON GET, three ways, in one run:
 *   static    nextpress, the handler with `export const dynamic = 'force-static'` (every request a HIT)
 *   dynamic   nextpress, the same handler without segment config (runs on every request)
 *   express   bare Express 5, `res.json(doc)`
 * Server pinned to core 0, autocannon (load.mjs) to core 1, 50 connections, interleaved rounds
 * with the order rotating; medians (req/s, latency, server CPU per request) printed as a table and
 * written to bench/results/cache.json.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import http from 'node:http';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSON_TEXT } from './apps.mjs';
import { children, cpuMs, freePort, hasTaskset, median, pin, runLoad } from './harness.mjs';

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));
const CLI = join(HERE, '..', 'dist', 'server', 'cli.js');
const quick = process.argv.includes('--quick');
const MODE = quick ? { rounds: 2, duration: 3, warmup: 1 } : { rounds: 5, duration: 5, warmup: 2 };
const CONNECTIONS = 50;
/** One load run against `url`, the same spec for every case. */
const load = (url, duration) => runLoad({ url, method: 'GET', connections: CONNECTIONS, duration });

const HANDLER = `const doc = ${JSON_TEXT};

export function GET() {
  return Response.json(doc);
}
`;

const CASES = [
  { name: 'static', label: "nextpress, dynamic = 'force-static' (HIT)", path: '/static', expectCache: 'HIT' },
  { name: 'dynamic', label: 'nextpress, same handler, no config', path: '/dynamic', expectCache: undefined },
  { name: 'express', label: 'Express 5, res.json', path: '/json', expectCache: undefined },
];

let tempDir;

process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
  if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

function writeApp(dir) {
  const routes = join(dir, 'routes');
  for (const [file, source] of [
    ['static/route.ts', `export const dynamic = 'force-static';\n\n${HANDLER}`],
    ['dynamic/route.ts', HANDLER],
  ]) {
    mkdirSync(join(routes, dirname(file)), { recursive: true });
    writeFileSync(join(routes, file), source);
  }
  const express = join(dir, 'express.cjs');
  writeFileSync(
    express,
    `'use strict';
const express = require(${JSON.stringify(require.resolve('express'))});
const app = express();
const doc = ${JSON_TEXT};
app.get('/json', (req, res) => { res.json(doc); });
app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
`,
  );
  return { routes, express };
}

function get(port, path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
  });
}

async function startServer(kind, app, path) {
  const port = await freePort();
  const script = kind === 'express' ? app.express : CLI;
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    AUTH_SECRET: 'bench-secret-of-at-least-32-characters!',
    PORT: String(port),
    HOST: '127.0.0.1',
    ROUTES_DIR: app.routes,
    LOG_LEVEL: 'warn',
    TMPDIR: join(tempDir, 'tmp'),
  };
  const [command, args] = pin(0, process.execPath, [script]);
  const child = spawn(command, args, { cwd: dirname(app.routes), env, stdio: ['ignore', 'ignore', 'inherit'] });
  children.add(child);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const answer = await get(port, path).catch(() => undefined);
    if (answer?.status === 200) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${kind} server did not answer ${path}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    port,
    pid: child.pid,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      children.delete(child);
    },
  };
}

async function main() {
  if (!existsSync(CLI)) throw new Error('dist/server/cli.js is missing: run `npm run build` first.');
  if (hasTaskset) spawnSync('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });
  tempDir = mkdtempSync(join(os.tmpdir(), 'nextpress-bench-cache-'));
  mkdirSync(join(tempDir, 'tmp'));
  const app = writeApp(tempDir);
  console.log(
    `cache bench: ${MODE.rounds} rounds x ${MODE.duration} s, ${CONNECTIONS} connections, ${hasTaskset ? 'server on core 0, load on core 1' : 'not pinned'}; load average ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}`,
  );

  // One nextpress serves both routes (same process, same handler), Express its twin.
  const nextpress = await startServer('nextpress', app, '/dynamic');
  const express = await startServer('express', app, '/json');
  const serverOf = (name) => (name === 'express' ? express : nextpress);
  for (const c of CASES) {
    const first = await get(serverOf(c.name).port, c.path);
    const again = await get(serverOf(c.name).port, c.path);
    if (JSON.stringify(JSON.parse(again.body)) !== JSON_TEXT) throw new Error(`${c.name} answered something else: ${again.body.slice(0, 80)}`);
    if (again.headers['x-nextjs-cache'] !== c.expectCache)
      throw new Error(`${c.name}: x-nextjs-cache ${again.headers['x-nextjs-cache']}, expected ${c.expectCache}`);
    if (c.name === 'static' && first.headers['x-nextjs-cache'] !== 'MISS') throw new Error('static: the first request was not a MISS');
  }

  for (const c of CASES) await load(`http://127.0.0.1:${serverOf(c.name).port}${c.path}`, MODE.warmup);
  const runs = Object.fromEntries(CASES.map((c) => [c.name, []]));
  for (let round = 0; round < MODE.rounds; round++) {
    const order = CASES.map((_, i) => CASES[(i + round) % CASES.length]);
    for (const c of order) {
      const server = serverOf(c.name);
      const cpuBefore = cpuMs(server.pid);
      const result = await load(`http://127.0.0.1:${server.port}${c.path}`, MODE.duration);
      const cpuAfter = cpuMs(server.pid);
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`${c.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      // Server CPU per request: steadier than req/s when other work shares the machine.
      result.cpuUsPerRequest = cpuBefore === undefined ? undefined : ((cpuAfter - cpuBefore) * 1000) / result.requests;
      runs[c.name].push(result);
    }
  }
  await nextpress.stop();
  await express.stop();

  const rows = CASES.map((c) => ({
    case: c.name,
    label: c.label,
    rps: median(runs[c.name].map((r) => r.rps)),
    p50: median(runs[c.name].map((r) => r.p50)),
    p99: median(runs[c.name].map((r) => r.p99)),
    cpuUs: median(runs[c.name].map((r) => r.cpuUsPerRequest ?? 0)),
  }));
  const express5 = rows.find((row) => row.case === 'express').rps;
  console.log(
    `\nload average after: ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}`,
  );
  console.log('| GET ~1 KB JSON | req/s (median) | p50 ms | p99 ms | server CPU µs/request | req/s vs Express 5 |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    console.log(`| ${row.label} | ${Math.round(row.rps)} | ${row.p50} | ${row.p99} | ${row.cpuUs.toFixed(0)} | ${(row.rps / express5).toFixed(2)}x |`);
  }
  const resultsDir = join(HERE, 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, 'cache.json'),
    JSON.stringify({ date: new Date().toISOString(), mode: MODE, connections: CONNECTIONS, pinned: hasTaskset, rows, runs }, null, 2),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
