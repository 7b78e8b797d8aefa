#!/usr/bin/env node
/**
 * `npm run test:scale`: several nextpress instances behind a real load balancer, on one machine,
 * without Docker. Not part of `npm test` (it needs Debian's redis-server and haproxy, and about a
 * minute). What it does, in order:
 *
 *   1. finds redis-server and haproxy (installs them with apt-get when missing and running as
 *      root; otherwise prints why and exits 0, skipped); checks deploy/haproxy.cfg with
 *      `haproxy -c`, and deploy/compose.yaml with `docker-compose config` where that is installed;
 *   2. builds the engine (`npm run build`);
 *   3. starts Redis on a free port (no persistence), a counting HTTP upstream (in this process), 3
 *      nextpress processes on their own ports serving tests/fixtures/scale-app with CACHE_URL to that
 *      Redis and one AUTH_SECRET, and HAProxy in front, health-checking each on /readyz every 200 ms;
 *   4. checks, over HTTP (each instance's own port, and through the load balancer):
 *      a. revalidateTag / revalidatePath through one instance is seen by the next request on every other;
 *      b. one regeneration of a stale `revalidate = 1` path across all instances under 50 concurrent requests;
 *      c. fetch's data cache: a fetch stored by one instance is a HIT on the others (a local upstream
 *         counts every real fetch), revalidateTag through one expires it for all, and a stale entry
 *         is refetched once across all instances under 50 concurrent requests;
 *      d. a session signed in on one instance is accepted by the others (401 without it);
 *      e. Redis killed and restarted mid-run: every request answered 200, then HIT again;
 *      f. SIGTERM to one instance under 50 req/s for 10 s through the load balancer: 0 failed
 *         requests; its /readyz answers 503 and HAProxy marks it DOWN before its listener closes
 *         (SHUTDOWN_DELAY_MS); nothing is routed to it after that; it exits 0;
 *      g. a rolling restart of all 3 (one at a time: SIGTERM, exit, start, UP again) under 50 req/s
 *         through the load balancer: 0 failed requests;
 *   5. prints one PASS/FAIL line per check and a summary, stops everything it started (also on
 *      failure, Ctrl-C or the overall time limit) and exits 1 if any check failed.
 *
 * Every child process is started here and stopped by its own handle; traffic goes to 127.0.0.1 only.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE = 'tests/fixtures/scale-app';
const USERS_FILE = 'config/users.example.json';
const SECRET = 'scale-test-secret-with-at-least-32-chars';
const INSTANCES = 3;
/** The whole run is cut (FAIL, everything stopped) past this. */
const TIME_LIMIT_MS = 150_000;
const SHUTDOWN_TIMEOUT_MS = 5000;
/** Readiness answers 503 this long before the listener closes: 5 HAProxy check intervals (200 ms; DOWN after 2). */
const SHUTDOWN_DELAY_MS = 1000;

const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'nextpress-scale-'));
const children = new Set();
const results = [];
let cleaned = false;
let stopUpstream = () => {};

// ---- reporting --------------------------------------------------------------------------------
function check(name, ok, detail) {
  results.push({ name, ok });
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? ` (${detail})` : ''}`);
}

function summaryAndExit() {
  const failed = results.filter((r) => !r.ok);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\ntest:scale: ${results.length - failed.length} passed, ${failed.length} failed, ${seconds} s`);
  cleanUp();
  process.exit(failed.length === 0 ? 0 : 1);
}

// ---- processes --------------------------------------------------------------------------------
/** Spawns a child whose output goes to <work>/<name>.log; stopped by cleanUp. */
function start(name, command, args, options = {}) {
  const log = createWriteStream(join(work, `${name}.log`), { flags: 'a' });
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...options });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal, at: Date.now() })));
  children.add(child);
  child.once('exit', () => children.delete(child));
  child.logFile = join(work, `${name}.log`);
  return child;
}

function logTail(child, lines = 8) {
  try {
    return readFileSync(child.logFile, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function cleanUp() {
  if (cleaned) return;
  cleaned = true;
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  stopUpstream();
  rmSync(work, { recursive: true, force: true });
}

process.on('SIGINT', () => {
  console.log('\ninterrupted: stopping everything');
  cleanUp();
  process.exit(130);
});
const limit = setTimeout(() => {
  check(`the whole run within ${TIME_LIMIT_MS / 1000} s`, false, 'time limit reached; stopping everything');
  summaryAndExit();
}, TIME_LIMIT_MS);
limit.unref();

// ---- network helpers --------------------------------------------------------------------------
function freePort() {
  return new Promise((done, fail) => {
    const probe = net.createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** One HTTP request to 127.0.0.1:port; resolves { status, headers, text, json } or { error }. */
function send(port, path, { method = 'GET', headers = {}, body, agent = false, timeoutMs = 5000 } = {}) {
  return new Promise((done) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers, agent, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        done({ status: res.statusCode, headers: res.headers, text, json });
      });
      res.on('error', (error) => done({ error: error.message }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => done({ error: error.message }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const postJson = (port, path, value) => send(port, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });

async function waitFor(what, probe, timeoutMs = 20_000, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

/** Redis's PING over a raw socket: true on +PONG. */
function redisPing(port) {
  return new Promise((done) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    socket.setTimeout(500, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk;
      if (reply.includes('\r\n')) socket.end();
    });
    socket.on('close', () => done(reply.startsWith('+PONG')));
    socket.on('error', () => done(false));
  });
}

/** HAProxy's `show stat` over its admin socket: { n1: 'UP', n2: 'DOWN', ... } for the backend. */
function haproxyStatus(socketPath) {
  return new Promise((done) => {
    const socket = net.connect(socketPath);
    let text = '';
    socket.on('connect', () => socket.write('show stat\n'));
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (text += chunk));
    socket.on('error', () => done({}));
    socket.on('close', () => {
      const [header, ...rows] = text.trim().split('\n');
      if (header === undefined) return done({});
      const columns = header.replace(/^# /, '').split(',');
      const px = columns.indexOf('pxname');
      const sv = columns.indexOf('svname');
      const status = columns.indexOf('status');
      const states = {};
      for (const row of rows) {
        const cells = row.split(',');
        if (cells[px] === 'nextpress' && /^n\d$/.test(cells[sv])) states[cells[sv]] = cells[status];
      }
      done(states);
    });
  });
}

// ---- 1. tools ---------------------------------------------------------------------------------
const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
const missing = ['redis-server', 'haproxy'].filter((tool) => !has(tool));
if (missing.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const packages = missing; // Debian's package names are the tools' names
  if (isRoot && has('apt-get')) {
    console.log(`installing ${packages.join(', ')} (Debian packages, apt-get)`);
    const install = spawnSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(' ')}`], {
      stdio: 'inherit',
    });
    if (install.status !== 0 || packages.some((tool) => !has(tool))) {
      console.log(`test:scale SKIPPED: apt-get install ${packages.join(' ')} failed (exit ${install.status}); install them and run again.`);
      cleanUp();
      process.exit(0);
    }
  } else {
    console.log(
      `test:scale SKIPPED: ${missing.join(' and ')} not installed, and this user cannot install ${missing.length === 1 ? 'it' : 'them'} (not root, or no apt-get). Debian: apt-get install ${packages.join(' ')}.`,
    );
    cleanUp();
    process.exit(0);
  }
}

async function main() {
  // deploy/haproxy.cfg (the compose file's) must be valid for this HAProxy too; outside Docker its
  // `nextpress` host name does not resolve, which haproxy -c reports as a warning only.
  const parsed = spawnSync('haproxy', ['-c', '-f', 'deploy/haproxy.cfg'], { cwd: ROOT, encoding: 'utf8' });
  check(
    'deploy/haproxy.cfg is valid (haproxy -c)',
    parsed.status === 0,
    parsed.status === 0 ? (parsed.stdout.trim().split('\n').pop() ?? '') : `${parsed.stdout}${parsed.stderr}`.trim().split('\n').slice(-3).join(' | '),
  );

  // deploy/compose.yaml against Compose's own schema, where a compose client is installed (no engine
  // needed): Debian's docker-compose 1.29, or the docker compose v2 plugin.
  const composeClient = has('docker-compose')
    ? ['docker-compose']
    : spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0
      ? ['docker', 'compose']
      : undefined;
  if (composeClient === undefined) {
    console.log('SKIP  deploy/compose.yaml against the Compose schema (no docker-compose or docker compose here; Debian: apt-get install docker-compose)');
  } else {
    const composeEnv = { ...process.env, AUTH_SECRET: SECRET };
    const validated = spawnSync(composeClient[0], [...composeClient.slice(1), '-f', 'deploy/compose.yaml', 'config', '-q'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: composeEnv,
    });
    check(
      `deploy/compose.yaml is valid (${composeClient.join(' ')} config)`,
      validated.status === 0,
      validated.status === 0 ? '' : `${validated.stdout}${validated.stderr}`.trim().split('\n').slice(0, 3).join(' | '),
    );
  }

  // ---- 2. build -------------------------------------------------------------------------------
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    check('npm run build', false, `exit ${build.status}`);
    return;
  }

  // ---- 3. Redis, instances, HAProxy -----------------------------------------------------------
  const redisPort = await freePort();
  const redisArgs = ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  let redis = start('redis', 'redis-server', redisArgs);
  await waitFor('redis-server answers PING', () => redisPing(redisPort));

  // The data cache's upstream: counts every fetch that really reaches it. It answers in 800 ms, so
  // a refetch is still running while a burst of requests is answered (as 4b's slow handler does).
  let upstreamHits = 0;
  const upstream = http.createServer((_req, res) => {
    upstreamHits += 1;
    const hits = upstreamHits;
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ hits }));
    }, 800);
  });
  const upstreamPort = await freePort();
  await new Promise((done) => upstream.listen(upstreamPort, '127.0.0.1', done));
  stopUpstream = () => {
    upstream.closeAllConnections();
    upstream.close();
  };

  const runsFile = join(work, 'swr-runs.txt');
  writeFileSync(runsFile, '');
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    AUTH_SECRET: SECRET,
    AUTH_USERS_FILE: USERS_FILE,
    CACHE_URL: `redis://127.0.0.1:${redisPort}`,
    PRELOAD_ROUTES: 'true',
    SHUTDOWN_TIMEOUT_MS: `${SHUTDOWN_TIMEOUT_MS}ms`,
    SHUTDOWN_DELAY_MS: `${SHUTDOWN_DELAY_MS}ms`,
    SCALE_RUNS_FILE: runsFile,
    SCALE_UPSTREAM: `http://127.0.0.1:${upstreamPort}`,
  };
  /** Starts (or starts again) an instance's process on its port. */
  const launch = (instance) => {
    instance.child = start(instance.name, process.execPath, ['dist/server/cli.js', 'start', FIXTURE, '-p', String(instance.port)], { env });
  };
  const whenReady = async (instance) => {
    await waitFor(`${instance.name} /readyz 200`, async () => {
      if (instance.child.exitCode !== null) throw new Error(`${instance.name} exited ${instance.child.exitCode}:\n${logTail(instance.child)}`);
      return (await send(instance.port, '/readyz')).status === 200;
    });
    instance.pid = (await send(instance.port, '/pid')).json.pid;
  };
  const instances = [];
  for (let i = 1; i <= INSTANCES; i++) instances.push({ name: `n${i}`, port: await freePort() });
  for (const instance of instances) launch(instance);
  for (const instance of instances) await whenReady(instance);

  const lbPort = await freePort();
  const statSocket = join(work, 'haproxy.sock');
  const config = [
    'global',
    `  stats socket ${statSocket} mode 600 level admin`,
    '  maxconn 2000',
    'defaults',
    '  mode http',
    '  option http-server-close',
    '  timeout connect 1s',
    '  timeout client 30s',
    '  timeout server 30s',
    // Without it a check must answer within `inter` (200 ms): on a busy machine a healthy instance
    // would then be marked DOWN while another one restarts.
    '  timeout check 1s',
    '  retries 3',
    '  option redispatch 1',
    '  retry-on conn-failure empty-response',
    'frontend web',
    `  bind 127.0.0.1:${lbPort}`,
    '  default_backend nextpress',
    'backend nextpress',
    '  balance roundrobin',
    '  option httpchk',
    '  http-check send meth GET uri /readyz',
    '  http-check expect status 200',
    '  http-response set-header x-served-by %s',
    '  default-server inter 200ms fall 2 rise 2',
    ...instances.map(({ name, port }) => `  server ${name} 127.0.0.1:${port} check`),
    '',
  ].join('\n');
  const configFile = join(work, 'haproxy.cfg');
  writeFileSync(configFile, config);
  const haproxy = start('haproxy', 'haproxy', ['-db', '-f', configFile]);
  await waitFor('HAProxy sees every instance UP', async () => {
    if (haproxy.exitCode !== null) throw new Error(`haproxy exited ${haproxy.exitCode}:\n${logTail(haproxy)}`);
    const states = await haproxyStatus(statSocket);
    return instances.every(({ name }) => states[name] === 'UP');
  });
  console.log(`started: redis-server :${redisPort}, nextpress ${instances.map((i) => `${i.name} :${i.port} (pid ${i.pid})`).join(', ')}, haproxy :${lbPort}\n`);
  const [n1, n2, n3] = instances;
  const cacheState = (res) => res.headers?.['x-nextjs-cache'];

  // ---- 4a. revalidateTag / revalidatePath across instances -------------------------------------
  {
    const first = await send(n1.port, '/tagged');
    const others = [await send(n2.port, '/tagged'), await send(n3.port, '/tagged')];
    const shared = others.every((r) => cacheState(r) === 'HIT' && r.json?.nonce === first.json?.nonce);
    check(
      'tagged entry made on n1 is a HIT on n2 and n3',
      cacheState(first) === 'MISS' && shared,
      `n1 ${cacheState(first)}, n2/n3 ${others.map(cacheState).join('/')}`,
    );
    const revalidated = await postJson(n1.port, '/revalidate-api', { tag: 'posts' });
    const onN2 = await send(n2.port, '/tagged');
    const onN3 = await send(n3.port, '/tagged');
    const onN1 = await send(n1.port, '/tagged');
    const viaLb = await send(lbPort, '/tagged');
    const fresh = onN2.json?.nonce;
    const ok =
      revalidated.status === 200 &&
      cacheState(onN2) === 'MISS' &&
      fresh !== first.json?.nonce &&
      [onN3, onN1, viaLb].every((r) => cacheState(r) === 'HIT' && r.json?.nonce === fresh);
    check(
      "revalidateTag('posts') on n1: n2's next request regenerates, n3, n1 and the LB then HIT the new entry",
      ok,
      `n2 ${cacheState(onN2)}, n3 ${cacheState(onN3)}, n1 ${cacheState(onN1)}, LB ${cacheState(viaLb)} via ${viaLb.headers?.['x-served-by']}`,
    );
  }
  {
    const first = await send(n2.port, '/static');
    const revalidated = await postJson(n2.port, '/revalidate-api', { path: '/static' });
    const onN3 = await send(n3.port, '/static');
    const onN1 = await send(n1.port, '/static');
    const onN2 = await send(n2.port, '/static');
    const viaLb = await send(lbPort, '/static');
    const fresh = onN3.json?.nonce;
    const ok =
      revalidated.status === 200 &&
      cacheState(onN3) === 'MISS' &&
      fresh !== first.json?.nonce &&
      [onN1, onN2, viaLb].every((r) => cacheState(r) === 'HIT' && r.json?.nonce === fresh);
    check(
      "revalidatePath('/static') on n2: n3's next request regenerates, n1, n2 and the LB then HIT the new entry",
      ok,
      `n3 ${cacheState(onN3)}, n1 ${cacheState(onN1)}, n2 ${cacheState(onN2)}, LB ${cacheState(viaLb)}`,
    );
  }

  // ---- 4b. one regeneration per stale path across instances ------------------------------------
  {
    const runs = () => readFileSync(runsFile, 'utf8').split('\n').filter(Boolean);
    const prime = await send(lbPort, '/swr');
    await sleep(1200); // past revalidate = 1: stale everywhere
    const before = runs().length;
    const t0 = Date.now();
    const burst = await Promise.all(Array.from({ length: 50 }, () => send(lbPort, '/swr')));
    const burstMs = Date.now() - t0;
    await sleep(900); // the one background run takes 500 ms; less than revalidate, so no second stale window
    const after = runs();
    const byServer = {};
    for (const r of burst) byServer[r.headers?.['x-served-by']] = (byServer[r.headers?.['x-served-by']] ?? 0) + 1;
    const statuses = burst.filter((r) => r.status === 200).length;
    const states = {};
    for (const r of burst) states[cacheState(r)] = (states[cacheState(r)] ?? 0) + 1;
    const regenerated = after.length - before;
    check(
      '50 concurrent requests to a stale revalidate = 1 path (3 instances): exactly 1 regeneration',
      prime.status === 200 && statuses === 50 && regenerated === 1 && Object.keys(byServer).length === INSTANCES,
      `${statuses}/50 answered 200 in ${burstMs} ms, ${JSON.stringify(states)}, spread ${JSON.stringify(byServer)}, regenerations ${regenerated} (by pid ${after.slice(before).join(',')})`,
    );
  }

  // ---- 4c. fetch's data cache across instances -------------------------------------------------
  {
    const hitsOf = (res) => res.json?.hits;
    const onN1 = await send(n1.port, '/upstream');
    const onOthers = [await send(n2.port, '/upstream'), await send(n3.port, '/upstream')];
    check(
      'a fetch (revalidate 60) stored on n1 is a HIT on n2 and n3: the upstream was asked once',
      hitsOf(onN1) === 1 && onOthers.every((r) => hitsOf(r) === 1) && upstreamHits === 1,
      `data on n1/n2/n3: ${[onN1, ...onOthers].map(hitsOf).join('/')}, upstream requests ${upstreamHits}`,
    );
    const revalidated = await postJson(n2.port, '/revalidate-api', { tag: 'upstream' });
    const after = [await send(n3.port, '/upstream'), await send(n1.port, '/upstream'), await send(n2.port, '/upstream'), await send(lbPort, '/upstream')];
    check(
      "revalidateTag('upstream') on n2: n3's next fetch goes to the upstream; n1, n2 and the LB then HIT it",
      revalidated.status === 200 && after.every((r) => hitsOf(r) === 2) && upstreamHits === 2,
      `data on n3/n1/n2/LB: ${after.map(hitsOf).join('/')}, upstream requests ${upstreamHits}`,
    );
    await postJson(n1.port, '/revalidate-api', { tag: 'upstream', profile: 'max' });
    const before = upstreamHits;
    const t0 = Date.now();
    const burst = await Promise.all(Array.from({ length: 50 }, () => send(lbPort, '/upstream')));
    const burstMs = Date.now() - t0;
    await sleep(1500); // the one refetch takes 800 ms
    const refetches = upstreamHits - before;
    const fresh = await send(lbPort, '/upstream');
    const served = {};
    for (const r of burst) served[hitsOf(r)] = (served[hitsOf(r)] ?? 0) + 1;
    const byServer = {};
    for (const r of burst) byServer[r.headers?.['x-served-by']] = (byServer[r.headers?.['x-served-by']] ?? 0) + 1;
    check(
      "revalidateTag('upstream', 'max'), then 50 concurrent requests through the LB: the stale data for all, exactly 1 refetch across the 3 instances",
      burst.every((r) => r.status === 200 && hitsOf(r) === 2) && refetches === 1 && hitsOf(fresh) === 3 && Object.keys(byServer).length === INSTANCES,
      `50 answered in ${burstMs} ms with data ${JSON.stringify(served)}, spread ${JSON.stringify(byServer)}, upstream refetches ${refetches}, then data ${hitsOf(fresh)}`,
    );
  }

  // ---- 4d. a session signed on one instance is accepted by the others ---------------------------
  {
    const csrf = await send(n1.port, '/api/auth/csrf');
    const jar = cookies(csrf.headers?.['set-cookie']);
    const form = new URLSearchParams({ csrfToken: csrf.json?.csrfToken ?? '', username: 'demo', password: 'nextpress-demo' }).toString();
    const callback = await send(n1.port, '/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
      body: form,
    });
    const token = cookies(callback.headers?.['set-cookie'])['next-auth.session-token'];
    const signed = typeof token === 'string' && token.startsWith('eyJ');
    const withCookie = [];
    const without = [];
    for (const { name, port } of [...instances, { name: 'LB', port: lbPort }]) {
      const yes = await send(port, '/session', { headers: { cookie: `next-auth.session-token=${token}` } });
      const no = await send(port, '/session');
      withCookie.push(`${name} ${yes.status}${yes.json?.user ? ` ${yes.json.user}` : ''}`);
      without.push(`${name} ${no.status}`);
      if (yes.status !== 200 || yes.json?.user !== 'Demo User' || no.status !== 401) withCookie.push('(unexpected)');
    }
    check(
      'a session signed in on n1 is accepted by n1, n2, n3 and the LB; 401 without it',
      signed && !withCookie.includes('(unexpected)'),
      `sign-in ${callback.status}, with cookie: ${withCookie.join(', ')}; without: ${without.join(', ')}`,
    );
  }

  // ---- 4e. Redis killed and restarted mid-run ---------------------------------------------------
  {
    await send(lbPort, '/static');
    const before = await send(lbPort, '/static');
    const answers = [];
    let killedAt = 0;
    let restartedAt = 0;
    let hitAgainAt = 0;
    const t0 = Date.now();
    while (Date.now() - t0 < 15_000) {
      const elapsed = Date.now() - t0;
      if (killedAt === 0 && elapsed >= 500) {
        redis.kill('SIGKILL');
        await redis.exited;
        killedAt = Date.now();
      }
      if (killedAt !== 0 && restartedAt === 0 && Date.now() - killedAt >= 2000) {
        redis = start('redis-2', 'redis-server', redisArgs);
        await waitFor('redis-server answers PING again', () => redisPing(redisPort), 10_000, 50);
        restartedAt = Date.now();
      }
      const res = await send(lbPort, '/static', { timeoutMs: 3000 });
      answers.push({ at: Date.now(), status: res.status ?? res.error, state: cacheState(res) });
      if (restartedAt !== 0 && cacheState(res) === 'HIT') {
        hitAgainAt = Date.now();
        break;
      }
      await sleep(50);
    }
    const failed = answers.filter((a) => a.status !== 200);
    const during = answers.filter((a) => a.at >= killedAt && a.at < (restartedAt || Infinity));
    check(
      'Redis killed and restarted mid-run: every request answered 200, HIT again after the restart',
      cacheState(before) === 'HIT' && failed.length === 0 && hitAgainAt !== 0 && during.length > 0,
      `${answers.length} requests, ${failed.length} failed, ${during.length} while Redis was down (${[...new Set(during.map((a) => a.state))].join('/')}), HIT again ${hitAgainAt ? hitAgainAt - restartedAt : '-'} ms after the restart`,
    );
  }

  // ---- 4f. SIGTERM to one instance under load -----------------------------------------------------
  {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    const RATE = 50;
    const SECONDS = 10;
    const outcomes = [];
    const inFlight = [];
    let termAt = 0;
    let downAt = 0; // HAProxy marked n3 DOWN (two failed checks)
    let notReadyAt = 0; // n3's own /readyz answered 503
    let closedAt = 0; // n3 refused a new connection
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const [states, ready] = await Promise.all([
          haproxyStatus(statSocket),
          termAt === 0 || closedAt !== 0 ? undefined : send(n3.port, '/readyz', { timeoutMs: 1000 }),
        ]);
        const now = Date.now();
        // 'UP 1/2' after the first failed check (still routed to), 'DOWN' after the second
        if (termAt !== 0 && downAt === 0 && states.n3?.startsWith('DOWN')) downAt = now;
        if (ready?.status === 503 && notReadyAt === 0) notReadyAt = now;
        if (ready?.error !== undefined && closedAt === 0) closedAt = now;
        await sleep(20);
      }
    })();
    const t0 = Date.now();
    for (let i = 0; i < RATE * SECONDS; i++) {
      const due = t0 + (i * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      if (termAt === 0 && Date.now() - t0 >= 3000) {
        n3.child.kill('SIGTERM');
        termAt = Date.now();
      }
      const sentAt = Date.now();
      inFlight.push(
        send(lbPort, '/pid', { agent }).then((res) =>
          outcomes.push({ sentAt, at: Date.now(), status: res.status ?? res.error, by: res.headers?.['x-served-by'] }),
        ),
      );
    }
    await Promise.all(inFlight);
    const exit = await n3.child.exited;
    polling = false;
    await poll;
    agent.destroy();
    const failed = outcomes.filter((o) => o.status !== 200);
    const byN3After = outcomes.filter((o) => o.by === 'n3' && o.sentAt > termAt).length;
    const byN3AfterDown = outcomes.filter((o) => o.by === 'n3' && downAt !== 0 && o.sentAt > downAt).length;
    const elapsed = ((Date.now() - t0) / 1000).toFixed(1);
    const after = (at) => (at ? `${at - termAt} ms` : 'never');
    console.log(
      `      load: ${outcomes.length} requests at ${RATE}/s over ${elapsed} s; SIGTERM to n3 at ${termAt - t0} ms; after it: n3 /readyz 503 ${after(notReadyAt)}, HAProxy DOWN ${after(downAt)}, listener closed ${after(closedAt)}, exit ${exit.code} ${after(exit.at)}; answered by n3 after SIGTERM: ${byN3After}, after DOWN: ${byN3AfterDown}`,
    );
    if (failed.length > 0)
      console.log(
        `      failed: ${failed
          .slice(0, 10)
          .map((o) => `${o.status} via ${o.by ?? '-'} at ${o.sentAt - t0} ms`)
          .join('; ')}`,
      );
    check(
      `SIGTERM to n3 under ${RATE} req/s for ${SECONDS} s through the LB: 0 failed requests`,
      failed.length === 0 && outcomes.length === RATE * SECONDS,
      `${outcomes.length} sent, ${failed.length} failed`,
    );
    check(
      'n3 drained: /readyz 503, then HAProxy DOWN, then its listener closed; nothing routed to it after DOWN; exit 0',
      notReadyAt !== 0 && downAt !== 0 && closedAt !== 0 && notReadyAt <= downAt && downAt < closedAt && byN3AfterDown === 0 && exit.code === 0,
      `503 ${after(notReadyAt)}, DOWN ${after(downAt)}, closed ${after(closedAt)}, exit ${exit.code} ${after(exit.at)} after SIGTERM`,
    );
  }

  // ---- 4g. rolling restart of every instance under load ------------------------------------------
  {
    const isUp = (name) => async () => (await haproxyStatus(statSocket))[name] === 'UP';
    launch(n3); // stopped by 4f
    await whenReady(n3);
    await waitFor('HAProxy sees n3 UP again', isUp('n3'), 10_000, 50);
    const RATE = 50;
    const load = startLoad(lbPort, '/pid', RATE, 40_000);
    const steps = [];
    for (const instance of instances) {
      const t0 = Date.now();
      const oldPid = instance.pid;
      instance.child.kill('SIGTERM');
      const exit = await instance.child.exited;
      launch(instance);
      await whenReady(instance);
      await waitFor(`HAProxy sees ${instance.name} UP after its restart`, isUp(instance.name), 10_000, 50);
      steps.push({ name: instance.name, code: exit.code, ms: Date.now() - t0, renewed: instance.pid !== oldPid });
    }
    await sleep(500);
    const { outcomes, ms } = await load.stop();
    const failed = outcomes.filter((o) => o.status !== 200);
    if (failed.length > 0)
      console.log(
        `      failed: ${failed
          .slice(0, 10)
          .map((o) => `${o.status} via ${o.by ?? '-'}`)
          .join('; ')}`,
      );
    check(
      `rolling restart of n1, n2, n3 (each: SIGTERM, exit, start, UP in HAProxy) under ${RATE} req/s: 0 failed requests`,
      failed.length === 0 && steps.every((step) => step.code === 0 && step.renewed),
      `${outcomes.length} sent over ${(ms / 1000).toFixed(1)} s, ${failed.length} failed; ${steps.map((step) => `${step.name} exit ${step.code}, back UP after ${step.ms} ms`).join('; ')}`,
    );
  }
}

/**
 * GET `path` through the load balancer at a fixed rate until stop() (or `maxMs`); stop resolves
 * with every outcome once the requests in flight are answered.
 */
function startLoad(port, path, rate, maxMs) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const outcomes = [];
  const inFlight = [];
  let stopped = false;
  const t0 = Date.now();
  const loop = (async () => {
    for (let i = 0; !stopped && Date.now() - t0 < maxMs; i++) {
      const wait = t0 + (i * 1000) / rate - Date.now();
      if (wait > 0) await sleep(wait);
      const sentAt = Date.now();
      inFlight.push(send(port, path, { agent }).then((res) => outcomes.push({ sentAt, status: res.status ?? res.error, by: res.headers?.['x-served-by'] })));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      await Promise.all(inFlight);
      agent.destroy();
      return { outcomes, ms: Date.now() - t0 };
    },
  };
}

function cookies(setCookie) {
  const jar = {};
  for (const line of setCookie ?? []) {
    const pair = line.split(';')[0];
    const eq = pair.indexOf('=');
    jar[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return jar;
}

function cookieHeader(jar) {
  return Object.entries(jar)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
}

main().then(summaryAndExit, (error) => {
  check('test:scale ran to the end', false, error.message);
  summaryAndExit();
});
