/**
 * Hostile input that concerns the whole process rather than one answer: the demo's sign-out with
 * a control character in its callback (the attack that used to end the process), a cluster that
 * must not lose workers to bad requests, a rejection nothing handled, sockets that never send a
 * request at shutdown, and a users file that cannot work.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { buildCli, cleanUp, fetchText, listeningUrl, runCli, within, writeApp } from '../cli/helpers';
import { parseResponse, rawExchange, requestText } from './raw-http';

const ROOT = path.join(__dirname, '..', '..');
const HOSTILE = path.join(__dirname, '..', 'fixtures', 'hostile');
const FATAL = 60;

let cli: string;

beforeAll(() => {
  cli = buildCli();
}, 30_000);

afterAll(cleanUp);

describe("the demo's next-auth sign-out with callbackUrl=/\\x01 (production defaults)", () => {
  test('answers an empty 500 and the process keeps serving', async () => {
    const run = runCli(cli, ROOT, { ROUTES_DIR: path.join(ROOT, 'routes') });
    const url = await listeningUrl(run);
    const csrf = await fetch(`${url}/api/auth/csrf`);
    if (csrf.status !== 200) throw new Error(`csrf ${csrf.status} ${run.stdout()} ${run.stderr()}`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    const body = new URLSearchParams({ csrfToken, callbackUrl: '/\x01' }).toString();
    const port = Number(new URL(url).port);
    const exchange = await rawExchange(
      port,
      requestText(
        'POST',
        '/api/auth/signout',
        ['Content-Type: application/x-www-form-urlencoded', `Content-Length: ${body.length}`, `Cookie: ${cookie}`],
        body,
      ),
    );
    const res = parseResponse(exchange.text);
    expect([res.status, res.headers.location, res.body]).toEqual([500, undefined, '']);
    expect((await fetch(`${url}/api/hello`)).status).toBe(200);
    expect(run.child.exitCode).toBeNull();
    expect(run.lines.filter((line) => line.level === FATAL)).toEqual([]);
    run.child.kill('SIGTERM');
    expect((await within(run.exited, 10_000, 'exit')).code).toBe(0);
  }, 30_000);
});

describe('WEB_CONCURRENCY=2', () => {
  test('nine requests with a control character in a header take no worker down', async () => {
    const run = runCli(cli, HOSTILE, { ROUTES_DIR: HOSTILE, WEB_CONCURRENCY: '2' });
    await run.waitFor(() => run.lines.filter((line) => line.msg?.startsWith('Listening on ')).length === 2, 15_000);
    const url = run.lines.find((line) => line.msg?.startsWith('Listening on '))!.url as string;
    const port = Number(new URL(url).port);
    for (let i = 0; i < 9; i++) {
      expect(parseResponse((await rawExchange(port, requestText('GET', '/echo-header?v=a%01b'))).text).status).toBe(500);
    }
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await fetchText(`${url}/ok?n=${i}`)).status);
    expect(statuses).toEqual(Array(10).fill(200));
    expect(run.lines.filter((line) => typeof line.msg === 'string' && line.msg.includes('exited'))).toEqual([]);
    run.child.kill('SIGTERM');
    expect((await within(run.exited, 10_000, 'exit')).code).toBe(0);
  }, 40_000);
});

describe('a promise rejection nothing handles', () => {
  test('is logged at fatal, and the process keeps serving', async () => {
    const app = writeApp({
      'routes/forget/route.ts': `
export function GET() {
  Promise.reject(new Error('nobody awaited this'));
  return new Response('answered');
}
`,
    });
    const run = runCli(cli, app, {});
    const url = await listeningUrl(run);
    const first = await fetchText(`${url}/forget`);
    expect([first.status, first.body]).toEqual([200, 'answered']);
    const fatal = await run.waitFor((line) => line.level === FATAL);
    expect(fatal.msg).toBe('Unhandled promise rejection (a bug; the server keeps serving): nobody awaited this');
    const second = await fetchText(`${url}/forget`);
    expect([second.status, second.body]).toEqual([200, 'answered']);
    expect(run.child.exitCode).toBeNull();
    run.child.kill('SIGTERM');
    expect((await within(run.exited, 10_000, 'exit')).code).toBe(0);
  }, 30_000);
});

describe('SIGTERM with sockets that never sent a whole request', () => {
  test('closes them at once and exits 0, well before SHUTDOWN_TIMEOUT_MS', async () => {
    const run = runCli(cli, HOSTILE, { ROUTES_DIR: HOSTILE, SHUTDOWN_TIMEOUT_MS: '8s' });
    const url = await listeningUrl(run);
    const port = Number(new URL(url).port);
    // A load balancer's pre-opened connection, and half a request line.
    const silent = rawExchange(port, '', { timeoutMs: 10_000, write: () => {} });
    const half = rawExchange(port, '', { timeoutMs: 10_000, write: (socket) => socket.write('GET /ok HT') });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    run.child.kill('SIGTERM');
    expect(await within(run.exited, 8_000, 'exit')).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await silent).closed).toBe('end');
    expect((await half).closed).not.toBe('timeout');
  }, 30_000);
});

describe('AUTH_PROVIDER=next-auth with a users file that cannot work', () => {
  test.each([
    ['plaintext password', '{"users":[{"username":"ada","password":"hunter2"}]}', `has a "password" for 'ada' (users[0]): passwords are never stored as text`],
    ['unknown hash format', '{"users":[{"username":"ada","passwordHash":"$md5$abc"}]}', "has users[0].passwordHash for 'ada' that"],
    ['not JSON', '{ users: [', 'is not JSON'],
  ])(
    '%s: refuses to start, naming the file and the problem',
    async (_name, text, problem) => {
      const app = writeApp({ 'users.json': text, 'routes/ok/route.ts': 'export function GET() { return new Response("ok"); }\n' });
      const run = runCli(cli, app, { AUTH_USERS_FILE: 'users.json' });
      expect((await within(run.exited, 15_000, 'exit')).code).toBe(1);
      expect(run.stderr()).toContain(`[nextpress] The users file '${path.join(app, 'users.json')}' (AUTH_USERS_FILE) ${problem}`);
    },
    30_000,
  );
});
