/**
 * npm run test:next: the differential harness (issue 14, "Next's URLs, exactly"). Real Next 16 and
 * nextpress serve the same route files; the same requests go to both; every difference is printed.
 *
 *   1. copies tests/fixtures/next-diff/ to a temp folder and runs `npm install next@16 react
 *      react-dom` there (never a dependency of this project; with typescript and the types,
 *      which next build would otherwise install in a second npm run);
 *   2. `npm run build` here (dist/server/cli.js), then `next build` in the temp folder;
 *   3. starts `next start` and `node dist/server/cli.js start <temp app>`, each on a free port of
 *      127.0.0.1 (nextpress with only its own settings in the environment, in the temp folder,
 *      so no TRUST_PROXY or .env of yours changes its answers), and waits until both answer;
 *   4. sends the table of REQUESTS below to both with raw http.request (odd paths go out exactly
 *      as written), one at a time, each on a fresh connection;
 *   5. compares status (and its text), headers (all but IGNORED_HEADERS and the known file's
 *      ignoredHeaders) and body (JSON field by field when both are JSON and the statuses agree),
 *      after replacing each server's origin with `<host>` and its port with `<port>`; prints one
 *      line per difference, marked `(documented)` when
 *      scripts/next-diff-known.json lists it with its reason, and a summary line;
 *   6. stops both servers (also on failure or timeout) and removes the temp folder.
 * Exits 0 when every difference is documented, 1 otherwise (or when a step fails); the whole run is
 * bounded by NEXT_DIFF_TIMEOUT_MS (default 5 minutes). NEXT_DIFF_KEEP=1 keeps the temp folder;
 * NEXT_DIFF_APP=<that folder>/app-root skips step 1 and `next build` (for iterating on nextpress).
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE = join(ROOT, 'tests', 'fixtures', 'next-diff');
const KNOWN_FILE = join(ROOT, 'scripts', 'next-diff-known.json');
const TOTAL_MS = Number(process.env.NEXT_DIFF_TIMEOUT_MS ?? 5 * 60_000);
const REQUEST_MS = 10_000;
const AUTH_SECRET = 'next-diff-harness-secret-32-chars!!';

/** Headers that are the transport's or the server's own, never compared. */
const IGNORED_HEADERS = new Set(['date', 'x-powered-by', 'vary', 'etag', 'keep-alive', 'connection', 'x-request-id']);
const isIgnoredHeader = (name, known) =>
  IGNORED_HEADERS.has(name) || (name.startsWith('x-nextjs-') && name !== 'x-nextjs-cache') || known.ignoredHeaders[name] !== undefined;

const FORWARDED = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'example.com' };

/**
 * The requests: [method, path, extra headers, body, note]. The note tells apart two requests with
 * the same method and path; the label `METHOD path (note)` is what the known file names.
 */
const REQUESTS = [
  // URLs: encodings, slashes, dot segments
  ['GET', '/api/echo'],
  ['GET', '/api/echo/'],
  ['GET', '//api/echo'],
  ['GET', '/api//echo'],
  ['GET', '/api//echo/'],
  ['GET', '/api//echo?'],
  ['GET', '/api/echo/?'],
  ['HEAD', '/api/echo/'],
  ['GET', '/api/echo/./x'],
  ['GET', '/api/echo/../echo'],
  ['GET', '/api/echo/%2e%2e/echo'],
  ['GET', '/api/echo/%41'],
  ['GET', '/api/echo/a%2Fb'],
  ['GET', '/api/echo/%E2%82%AC'],
  ['GET', '/api/echo/%e2%82%ac'],
  ['GET', '/api/echo/%C3%A9'],
  ['GET', '/api/echo/%2F'],
  ['GET', '/api/echo/%252F'],
  ['GET', '/api/echo/a%20b'],
  ['GET', '/api/echo/a+b'],
  ['GET', '/api/echo/%ZZ'],
  ['GET', '/api/echo/%'],
  ['GET', '/API/ECHO'],
  ['GET', '/api/%65cho'],
  ['GET', '/\\api/echo'],
  ['GET', '/api\\echo'],
  ['GET', '/\\evil.example/'],
  ['GET', '/\\/evil.example?x=1'],
  ['GET', '/api/echo#frag'],
  ['GET', 'http://localhost/api/echo', {}, undefined, 'absolute-form target'],
  // queries
  ['GET', '/api/echo?a=1&a=2'],
  ['GET', '/api/echo?q=a+b'],
  ['GET', '/api/echo?q=a%20b&r=%2B'],
  ['GET', '/api/echo?e='],
  ['GET', '/api/echo?flag'],
  ['GET', '/api/echo?'],
  ['GET', '/api/echo?x=%ZZ'],
  ['GET', '/api/echo?u=%E2%82%AC&k%5B%5D=v'],
  ['GET', '/api/echo?a=1#frag'],
  ['GET', "/api/echo?t=~!*'()&s=a/b?c"],
  ['GET', '/api/echo?a&&b=&=c'],
  ['GET', '/api/echo/?a=1'],
  ['GET', '/api/echo?a=1;b=2'],
  ['GET', '/api/echo?%=1&b=%'],
  ['GET', '/api/echo?a=%26&b=%3D'],
  // forwarded headers
  ['GET', '/api/echo', { 'x-forwarded-proto': 'https' }, undefined, 'x-forwarded-proto: https'],
  ['GET', '/api/echo', { 'x-forwarded-host': 'example.com' }, undefined, 'x-forwarded-host: example.com'],
  ['GET', '/api/echo', FORWARDED, undefined, 'x-forwarded-proto + host'],
  ['GET', '/api/echo', { host: 'other.test:8080' }, undefined, 'host: other.test:8080'],
  ['GET', '/api/echo', { 'x-forwarded-port': '443', 'x-forwarded-for': '203.0.113.7' }, undefined, 'x-forwarded-port + for'],
  // params of every segment kind
  ['GET', '/api/echo/42'],
  ['GET', '/api/echo/42?x=1'],
  ['GET', '/api/docs/a'],
  ['GET', '/api/docs/a/b/c'],
  ['GET', '/api/docs/a%2Fb/c'],
  ['GET', '/api/docs'],
  ['GET', '/api/shop'],
  ['GET', '/api/shop/a'],
  ['GET', '/api/shop/a/b'],
  ['GET', '/api/shop/%E2%82%AC'],
  ['GET', '/api/shop/'],
  ['GET', '/api/docs/a/'],
  ['HEAD', '/api/echo/42'],
  ['OPTIONS', '/api/echo'],
  // methods
  ...['GET', 'HEAD', 'OPTIONS', 'DELETE'].map((method) => [method, '/api/methods']),
  ...['POST', 'PUT', 'PATCH'].map((method) => [method, '/api/methods', { 'content-type': 'text/plain' }, `a ${method} body`]),
  ...['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'].map((method) => [method, '/api/get-only']),
  ['PROPFIND', '/api/get-only'],
  ['POST', '/api/text'],
  ['POST', '/api/methods', { 'content-type': 'application/json' }, '{"json":true}', 'json body'],
  ['get', '/api/methods', {}, undefined, 'lowercase method'],
  // cookies
  ['GET', '/api/cookies'],
  ['GET', '/api/cookies', { cookie: 'a=1; b=two; c=%E2%82%AC' }, undefined, 'cookie: a, b, c'],
  ['GET', '/api/cookies', { cookie: 'a=1; a=2' }, undefined, 'cookie: a twice'],
  ['GET', '/api/cookies', { cookie: 'a="x y"; b=; =c' }, undefined, 'cookie: quoted, empty, no name'],
  ['POST', '/api/cookies', { cookie: 'old=x' }, undefined, 'cookie: old'],
  // redirects, errors, responses
  ['GET', '/api/redirect'],
  ['GET', '/api/permanent-redirect'],
  ['GET', '/api/response-redirect'],
  ['GET', '/api/response-redirect', FORWARDED, undefined, 'x-forwarded-proto + host'],
  ['GET', '/api/not-found'],
  ['GET', '/api/nothing-here'],
  ['GET', '/nothing-here'],
  ['GET', '/api/throws'],
  ['GET', '/api/no-response'],
  ['GET', '/api/json-status'],
  ['GET', '/api/text'],
  ['HEAD', '/api/text'],
  ['GET', '/api/proxy-headers'],
  ['GET', '/api/config-headers'],
  ['GET', '/api/config-headers/', {}, undefined, 'the trailing-slash 308: no headers() rule applies'],
  ['GET', '/api/old-config', {}, undefined, 'a next.config redirect: no headers() rule applies'],
  ['GET', '/api/proxy-redirect'],
  ['GET', '/api/proxy-redirect-308'],
  ['GET', '/api/proxy-redirect-out'],
  ['GET', '/api/proxy-redirect', FORWARDED, undefined, 'x-forwarded-proto + host'],
  ['HEAD', '/api/proxy-headers'],
  ['GET', '/api/latin1', { 'x-custom': 'caf\u00e9' }, undefined, 'x-custom: caf\u00e9'],
  ['GET', '/api/stream'],
  ['HEAD', '/api/stream'],
  ['GET', '/api/force-static'],
  ['GET', '/api/force-static?x=1'],
  ['GET', '/api/revalidate'],
  ['GET', '/api/next-headers', { 'x-custom': 'c' }, undefined, 'x-custom'],
  ['GET', '/api/next-headers?next=1'],
  // bodies
  ['POST', '/api/body?as=json', { 'content-type': 'application/json' }, '{"a":[1,"b"]}', 'json'],
  ['POST', '/api/body?as=json', { 'content-type': 'application/json' }, '{"a":', 'malformed json'],
  ['POST', '/api/body?as=text', { 'content-type': 'text/plain; charset=utf-8' }, 'h\u00e9llo', 'text'],
  ['POST', '/api/body?as=text', {}, undefined, 'no body'],
  ['POST', '/api/body?as=form', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=1&a=2&b=x+y&c=%E2%82%AC', 'urlencoded'],
  ['POST', '/api/body?as=form', { 'content-type': 'text/plain' }, 'a=1', 'form from text/plain'],
];

let deadline;
const children = [];
let tempDir;

/** 1-6. */
async function main() {
  const known = readKnown();
  const started = Date.now();
  deadline = setTimeout(() => {
    process.stderr.write(`[test:next] the whole run took more than ${TOTAL_MS} ms; stopping (raise NEXT_DIFF_TIMEOUT_MS if the machine is slow).\n`);
    void stopAll().then(() => process.exit(1));
  }, TOTAL_MS);

  let app = process.env.NEXT_DIFF_APP;
  let installMs = 0;
  if (app === undefined) {
    tempDir = mkdtempSync(join(tmpdir(), 'nextpress-next-diff-'));
    app = join(tempDir, 'app-root');
    cpSync(FIXTURE, app, { recursive: true });
    log(`fixture copied to ${app}`);
    // typescript and the types too: next build would install them itself, in a second npm run.
    const install = [
      'install',
      'next@16',
      'react',
      'react-dom',
      'typescript',
      '@types/react',
      '@types/node',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
    ];
    installMs = await timed(() => run('npm', install, app, 'npm install next@16 react react-dom'));
  } else log(`NEXT_DIFF_APP: reusing ${app} (installed and built by an earlier run with NEXT_DIFF_KEEP=1)`);
  const nextVersion = JSON.parse(readFileSync(join(app, 'node_modules', 'next', 'package.json'), 'utf8')).version;
  log(`next@${nextVersion}${installMs === 0 ? '' : `, installed in ${seconds(installMs)}`}`);
  const ownBuildMs = await timed(() => run('npm', ['run', 'build', '--silent'], ROOT, 'npm run build (nextpress)'));
  log(`built nextpress in ${seconds(ownBuildMs)}`);
  const nextBuildMs =
    process.env.NEXT_DIFF_APP === undefined
      ? await timed(() => run(process.execPath, [join(app, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], app, 'next build'))
      : 0;
  if (nextBuildMs > 0) log(`next build took ${seconds(nextBuildMs)}`);

  const [nextPort, oursPort] = [await freePort(), await freePort()];
  const next = startServer(
    'next',
    process.execPath,
    [join(app, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(nextPort), '-H', '127.0.0.1'],
    app,
    {},
  );
  const ours = startServer(
    'nextpress',
    process.execPath,
    [join(ROOT, 'dist', 'server', 'cli.js'), 'start', app, '-p', String(oursPort)],
    app,
    {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      AUTH_SECRET,
    },
    true,
  );
  await Promise.all([waitUntilUp(next, nextPort), waitUntilUp(ours, oursPort)]);

  const requestsStarted = Date.now();
  const lines = [];
  let documented = 0;
  const usedKnown = new Set();
  for (const [method, path, headers = {}, body, note] of REQUESTS) {
    const label = `${method} ${path}${note === undefined ? '' : ` (${note})`}`;
    const a = normalise(await send(nextPort, method, path, headers, body), nextPort);
    const b = normalise(await send(oursPort, method, path, headers, body), oursPort);
    for (const [field, left, right] of compare(a, b, known)) {
      const entry = known.differences.find((d) => d.requests.some((r) => matches(r, label)) && d.fields.some((f) => matches(f, field)));
      if (entry !== undefined) {
        documented++;
        usedKnown.add(entry);
      }
      lines.push(`${label}  ${field} next=${show(left)} nextpress=${show(right)}${entry === undefined ? '' : '  (documented)'}`);
    }
  }
  const requestsMs = Date.now() - requestsStarted;

  for (const line of lines) process.stdout.write(`${line}\n`);
  for (const entry of known.differences) {
    if (!usedKnown.has(entry)) log(`note: ${relative(ROOT, KNOWN_FILE)} lists ${JSON.stringify(entry.requests)}, which no longer differ; remove the entry`);
  }
  const undocumented = lines.length - documented;
  log(`${REQUESTS.length} requests, ${lines.length} differences (${documented} documented)`);
  log(
    `timings: npm install ${seconds(installMs)}, npm run build ${seconds(ownBuildMs)}, next build ${seconds(nextBuildMs)}, requests ${seconds(requestsMs)}, total ${seconds(Date.now() - started)}`,
  );
  if (undocumented > 0) {
    log(
      `${undocumented} difference(s) are not documented: fix nextpress, or add it to ${relative(ROOT, KNOWN_FILE)} as { "requests": [label], "fields": [field], "reason" } (and to docs/moving-from-nextjs.md, Checked against real Next)`,
    );
  }
  return undocumented === 0 ? 0 : 1;
}

/** scripts/next-diff-known.json: { ignoredHeaders: { name: reason }, differences: [{ requests, fields, reason }] }. */
function readKnown() {
  let known;
  try {
    known = JSON.parse(readFileSync(KNOWN_FILE, 'utf8'));
  } catch (error) {
    throw new Error(`${relative(ROOT, KNOWN_FILE)}: cannot be read as JSON (${error.message}); fix the file (see its "about" field).`);
  }
  const problems = [];
  if (typeof known.ignoredHeaders !== 'object' || known.ignoredHeaders === null) problems.push('"ignoredHeaders" must be an object of header name -> reason');
  if (!Array.isArray(known.differences)) problems.push('"differences" must be an array');
  else {
    known.differences.forEach((d, i) => {
      if (typeof d.reason !== 'string' || d.reason === '') problems.push(`differences[${i}].reason must be a non-empty string`);
      for (const key of ['requests', 'fields']) {
        const ok = Array.isArray(d[key]) && d[key].length > 0 && d[key].every((v) => typeof v === 'string' && v !== '');
        if (!ok) problems.push(`differences[${i}].${key} must be a non-empty array of strings`);
      }
    });
  }
  if (problems.length > 0) throw new Error(`${relative(ROOT, KNOWN_FILE)}: ${problems.join('; ')}. Fix the file.`);
  return known;
}

/** A pattern from the known file: exact text, `*` matching any run of characters. */
function matches(pattern, text) {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(text);
}

/** One request on a fresh connection; the path goes out byte for byte as written. */
function send(port, method, path, headers, body) {
  return new Promise((resolve) => {
    let req;
    try {
      req = httpRequest({ host: '127.0.0.1', port, method, path, headers: { ...headers }, agent: false, insecureHTTPParser: true }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            statusText: res.statusMessage,
            headers: collectHeaders(res.rawHeaders),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (error) => resolve({ status: 0, headers: {}, body: `(response error: ${error.message})` }));
      });
    } catch (error) {
      return resolve({ status: 0, headers: {}, body: `(not sent: ${error.message})` });
    }
    req.setTimeout(REQUEST_MS, () => req.destroy(new Error(`no answer within ${REQUEST_MS} ms`)));
    req.on('error', (error) => resolve({ status: 0, headers: {}, body: `(request error: ${error.message})` }));
    req.end(body);
  });
}

/** Lower-cased names; a repeated header (set-cookie) is a sorted list. */
function collectHeaders(raw) {
  const headers = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    (headers[name] ??= []).push(raw[i + 1]);
  }
  for (const name of Object.keys(headers)) headers[name] = headers[name].length === 1 ? headers[name][0] : headers[name].sort();
  return headers;
}

/**
 * Each server's own origin becomes `<host>` (Next builds request.url from `localhost:<its port>`,
 * nextpress from the Host header, `127.0.0.1:<its port>`), then any other mention of its port
 * becomes `<port>`, so the two answers compare.
 */
function normalise(response, port) {
  const replace = (text) =>
    text.replace(new RegExp(`(?:localhost|127\\.0\\.0\\.1):${port}(?!\\d)`, 'g'), '<host>').replace(new RegExp(`(?<!\\d)${port}(?!\\d)`, 'g'), '<port>');
  const headers = {};
  for (const [name, value] of Object.entries(response.headers)) headers[name] = Array.isArray(value) ? value.map(replace) : replace(value);
  return { status: response.status, statusText: response.statusText, headers, body: replace(response.body) };
}

/** [field, next's value, nextpress's value] for every difference. */
function compare(a, b, known) {
  const out = [];
  if (a.status !== b.status) out.push(['status', a.status, b.status]);
  else if (a.statusText !== b.statusText) out.push(['statusText', a.statusText, b.statusText]);
  const names = new Set([...Object.keys(a.headers), ...Object.keys(b.headers)]);
  for (const name of [...names].sort()) {
    if (isIgnoredHeader(name, known)) continue;
    if (JSON.stringify(a.headers[name]) !== JSON.stringify(b.headers[name])) out.push([`header ${name}`, a.headers[name], b.headers[name]]);
  }
  // Field by field only when both answered the same status: a 200 against a 404 is one body line.
  const left = a.status === b.status ? parseJson(a) : undefined;
  const right = a.status === b.status ? parseJson(b) : undefined;
  if (left !== undefined && right !== undefined) diffJson('body', left.value, right.value, out);
  else if (a.body !== b.body) out.push(['body', a.body, b.body]);
  return out;
}

function parseJson(response) {
  if (!/json/.test(String(response.headers['content-type'] ?? ''))) return undefined;
  try {
    return { value: JSON.parse(response.body) };
  } catch {
    return undefined;
  }
}

/** Field by field: `body.url`, `body.searchParams`, ... (arrays compare whole, as one value). */
function diffJson(path, left, right, out) {
  const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(left) && isObject(right)) {
    for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) diffJson(`${path}.${key}`, left[key], right[key], out);
  } else if (JSON.stringify(left) !== JSON.stringify(right)) out.push([path, left, right]);
}

function show(value) {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

/** Runs a command to the end; a failure names the step and shows its output. */
function run(command, args, cwd, step) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => reject(new Error(`${step}: could not run ${command} (${error.message})`)));
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `${step} (in ${cwd}) failed with ${signal ?? `exit code ${code}`}:\n${output.trim()}\nFix: run it by hand there to see why (NEXT_DIFF_KEEP=1 keeps the folder).`,
          ),
        );
    });
  });
}

/** `own`: the environment is only PATH, HOME, TMPDIR and `env` (nextpress reads its settings from it). */
function startServer(name, command, args, cwd, env, own = false) {
  const base = own ? { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR ?? tmpdir() } : process.env;
  const child = spawn(command, args, { cwd, env: { ...base, NEXT_TELEMETRY_DISABLED: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const server = { name, child, output: '' };
  child.stdout.on('data', (chunk) => (server.output += chunk));
  child.stderr.on('data', (chunk) => (server.output += chunk));
  return server;
}

/** Polls GET /api/text until it answers 200 (30 s), or fails naming the server and its output. */
async function waitUntilUp(server, port) {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if (server.child.exitCode !== null) break;
    const answer = await send(port, 'GET', '/api/text', {});
    if (answer.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${server.name} did not answer GET /api/text with 200 on port ${port} within 30 s. Its output:\n${server.output.trim()}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** SIGTERM to every child still running, SIGKILL after 5 s; then the temp folder goes. */
async function stopAll() {
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
          child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  if (tempDir !== undefined && process.env.NEXT_DIFF_KEEP !== '1') rmSync(tempDir, { recursive: true, force: true });
  else if (tempDir !== undefined) log(`kept ${tempDir}`);
}

async function timed(step) {
  const start = Date.now();
  await step();
  return Date.now() - start;
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const log = (text) => process.stdout.write(`[test:next] ${text}\n`);

// Stopped from outside (Ctrl-C, CI cancelling): the servers go too; whatever survives an exit is killed.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping both servers`);
    void stopAll().then(() => process.exit(1));
  });
}
process.once('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

let code = 1;
try {
  code = await main();
} catch (error) {
  process.stderr.write(`[test:next] ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  await stopAll();
  clearTimeout(deadline);
}
process.exit(code);
