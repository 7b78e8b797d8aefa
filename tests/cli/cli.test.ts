import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildCli, cleanUp, fetchText, listeningUrl, ROOT, ROUTES, runCli, within, writeApp } from './helpers';

let cli: string;
let app: string;

beforeAll(() => {
  cli = buildCli();
  app = writeApp({
    ...ROUTES,
    // after() work that takes 500 ms and then leaves a marker file: shutdown must wait for it.
    'routes/after/route.ts': `
import { after } from 'next/server';
import { writeFileSync } from 'node:fs';

export function GET(request: Request) {
  const marker = new URL(request.url).searchParams.get('marker')!;
  after(async () => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    writeFileSync(marker, 'after() finished');
  });
  return Response.json({ scheduled: true });
}
`,
  });
}, 30_000);

afterAll(cleanUp);

/** GET url and resolve once the first body chunk has arrived, with the rest still to come. */
function startStream(url: string): Promise<{ status: number; rest: Promise<string> }> {
  return new Promise((resolve, reject) => {
    request(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      const rest = new Promise<string>((done, fail) => {
        res.on('end', () => done(body));
        res.on('error', fail);
        res.on('aborted', () => fail(new Error('aborted')));
      });
      rest.catch(() => undefined); // a test that expects the cut awaits `rest` later

      res.once('data', () => resolve({ status: res.statusCode ?? 0, rest }));
      res.on('data', (chunk: string) => (body += chunk));
    })
      .on('error', reject)
      .end();
  });
}

describe('npm start (dist/server/cli.js)', () => {
  test('a bad environment prints one message, no stack, and exits 1', async () => {
    const run = runCli(cli, app, { PORT: 'abc', BODY_LIMIT: 'huge' });
    const { code } = await within(run.exited, 10_000, 'exit');
    expect(code).toBe(1);
    expect(run.stderr()).toBe(
      [
        '[nextpress] Invalid environment (2 problems):',
        '  PORT: "abc" is not a port; expected an integer 0-65535',
        '  BODY_LIMIT: "huge" is not a size; expected bytes or a number with b, kb, mb, gb (e.g. 512kb, 10mb)',
        '',
      ].join('\n'),
    );
    expect(run.stdout()).toBe('');
  });

  test('a missing AUTH_SECRET in production is a config error too', async () => {
    const run = runCli(cli, app, { AUTH_SECRET: '' });
    expect((await within(run.exited, 10_000, 'exit')).code).toBe(1);
    expect(run.stderr()).toMatch(/^\[nextpress\] Invalid environment \(1 problem\):\n {2}AUTH_SECRET: is required when NODE_ENV=production; /);
    expect(run.stderr()).not.toMatch(/\n\s+at /);
  });

  test('a port in use prints the reason and exits 1', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = blocker.address() as AddressInfo;
      const run = runCli(cli, app, { PORT: String(port) });
      expect((await within(run.exited, 10_000, 'exit')).code).toBe(1);
      expect(run.stderr()).toMatch(
        new RegExp(
          `^\\[nextpress\\] Cannot listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE.*Stop the other process or choose a free port \\(--port or PORT\\)\\.\\n$`,
        ),
      );
    } finally {
      blocker.close();
    }
  });

  test('starts, logs the route table and URL, serves routes and health', async () => {
    const run = runCli(cli, app, { PRELOAD_ROUTES: 'true' });
    const url = await listeningUrl(run);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The "Listening on" JSON line has one "pid" (pino's own), not a second from the call.
    const listening = run
      .stdout()
      .split('\n')
      .find((line) => line.includes('"msg":"Listening on '));
    expect(listening?.match(/"pid":/g)).toHaveLength(1);
    const table = run.lines.find((line) => line.msg === '3 routes');
    expect(table?.routes).toEqual(
      expect.arrayContaining([
        { pattern: expect.stringContaining('/pid'), methods: ['GET'], relativeFile: expect.stringMatching(/^(routes\/)?pid\/route\.ts$/) },
        { pattern: expect.stringContaining('/stream'), methods: ['GET'], relativeFile: expect.stringMatching(/stream\/route\.ts$/) },
      ]),
    );
    const pid = await fetchText(`${url}/pid`);
    expect(pid.status).toBe(200);
    expect(JSON.parse(pid.body)).toEqual({ pid: run.child.pid });
    expect(pid.headers['x-powered-by']).toBeUndefined();
    expect(pid.headers['x-request-id']).toBeDefined();
    const live = await fetchText(`${url}/healthz`);
    expect([live.status, live.body]).toEqual([200, '{"status":"ok"}']);
    const ready = await fetchText(`${url}/readyz`);
    expect([ready.status, ready.body]).toEqual([200, '{"status":"ready"}']);
    await run.waitFor((line) => (line.request as { path?: string } | undefined)?.path === '/pid');
    run.child.kill('SIGTERM');
    expect((await within(run.exited, 10_000, 'exit')).code).toBe(0);
  });

  test('development prints the route table as text (nothing imported yet: pattern and file); .env in the working folder is read', async () => {
    const dev = writeApp({ ...ROUTES, '.env': 'HEALTH_PATH=/live\n' });
    const run = runCli(cli, dev, { NODE_ENV: 'development' });
    const url = await listeningUrl(run);
    const text = run.stdout();
    expect(text).toMatch(/INFO: 2 routes:\n\/pid {5}\S*pid\/route\.ts\n\/stream {2}\S*stream\/route\.ts\n/);
    expect((await fetchText(`${url}/live`)).body).toBe('{"status":"ok"}');
    run.child.kill('SIGINT');
    expect((await within(run.exited, 10_000, 'exit')).code).toBe(0);
  });

  test('NODE_ENV unset: the route code sees it unset (NEXT_RUNTIME is nodejs), and a throw answers an empty 500, no error details', async () => {
    const dev = writeApp({
      'routes/env/route.ts':
        'export function GET() { return Response.json({ env: process.env.NODE_ENV ?? null, runtime: process.env.NEXT_RUNTIME ?? null }); }\n',
      'routes/boom/route.ts': "export function GET() { throw new Error('boom at /srv/secret/path'); }\n",
    });
    const run = runCli(cli, dev, { NODE_ENV: undefined, AUTH_SECRET: undefined });
    const url = await listeningUrl(run);
    expect((await fetchText(`${url}/env`)).body).toBe('{"env":null,"runtime":"nodejs"}'); // NEXT_RUNTIME as Next's server sets it
    const boom = await fetchText(`${url}/boom`);
    expect([boom.status, boom.body]).toEqual([500, '']);
    run.child.kill('SIGINT');
    expect((await within(run.exited, 10_000, 'exit')).code).toBe(0);
  });

  test('an exception nothing catches (a throw in a timer of route code): one fatal JSON line, then exit 1', async () => {
    const app = writeApp({
      'routes/late/route.ts': "export function GET() { setTimeout(() => { throw new Error('late boom'); }, 5); return new Response('ok'); }\n",
    });
    const run = runCli(cli, app);
    const url = await listeningUrl(run);
    expect((await fetchText(`${url}/late`)).body).toBe('ok');
    expect((await within(run.exited, 10_000, 'exit')).code).toBe(1);
    const fatal = run.lines.find((line) => line.level === 60);
    expect(fatal?.msg).toBe('Uncaught exception (a bug; the process exits): late boom');
    expect(run.stderr()).toBe('');
  });

  test('with PRELOAD_ROUTES=true the table lists the methods of the imported modules', async () => {
    const run = runCli(cli, writeApp(ROUTES), { NODE_ENV: 'development', PRELOAD_ROUTES: 'true' });
    await listeningUrl(run);
    expect(run.stdout()).toMatch(/INFO: 2 routes:\nGET {2}\S*\/pid\s+\S*pid\/route\.ts\nGET {2}\S*\/stream\s+\S*stream\/route\.ts\n/);
    run.child.kill('SIGINT');
    expect((await within(run.exited, 10_000, 'exit')).code).toBe(0);
  });

  test('SIGTERM lets an in-flight stream finish, then exits 0', async () => {
    const run = runCli(cli, app);
    const url = await listeningUrl(run);
    const stream = await startStream(`${url}/stream?n=8&ms=100`);
    expect(stream.status).toBe(200);
    run.child.kill('SIGTERM');
    await run.waitFor((line) => line.msg === 'Shutting down (SIGTERM): finishing in-flight requests');
    expect(await within(stream.rest, 5_000, 'the stream')).toBe('start\nchunk 0\nchunk 1\nchunk 2\nchunk 3\nchunk 4\nchunk 5\nchunk 6\nchunk 7\n');
    expect(await within(run.exited, 5_000, 'exit')).toEqual({ code: 0, signal: null });
    expect(run.lines.some((line) => line.msg === 'Shutdown complete')).toBe(true);
  });

  test('while draining: readiness answers 503 on open connections, new connections are refused', async () => {
    const run = runCli(cli, app);
    const url = new URL(await listeningUrl(run));
    const socket = connect(Number(url.port), url.hostname);
    let raw = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (raw += chunk));
    const socketClosed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write('GET /stream?n=10&ms=100 HTTP/1.1\r\nHost: test\r\n\r\n');
    await within(new Promise((resolve) => socket.once('data', resolve)), 5_000, 'the first chunk');
    run.child.kill('SIGTERM');
    await run.waitFor((line) => typeof line.msg === 'string' && line.msg.startsWith('Shutting down'));
    // Pipelined behind the stream on the same connection, as a load balancer's pooled one would be.
    socket.write('GET /readyz HTTP/1.1\r\nHost: test\r\n\r\n');
    // Refused, or reset when it raced into the listen backlog as the listener closed: never served.
    await expect(fetchText(`${url.origin}/pid`)).rejects.toMatchObject({ code: expect.stringMatching(/^(ECONNREFUSED|ECONNRESET)$/) });
    await within(socketClosed, 5_000, 'the connection to close');
    const readiness = raw.slice(raw.lastIndexOf('HTTP/1.1 '));
    expect(raw).toContain('chunk 9\n');
    expect(readiness).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(readiness).toMatch(/\r\ncache-control: no-store\r\n/i);
    expect(readiness).toMatch(/\r\nconnection: close\r\n/i);
    expect(readiness.endsWith('\r\n\r\n{"status":"draining"}')).toBe(true);
    expect((await within(run.exited, 5_000, 'exit')).code).toBe(0);
  });

  // after() comes from next/server, which another part of the engine provides; until it is
  // exported there, this test is skipped rather than failed.
  const hasAfter = /\bafter\b/.test(readFileSync(join(ROOT, 'server', 'next', 'server.ts'), 'utf8'));
  (hasAfter ? test : test.skip)('shutdown waits for after() work', async () => {
    const run = runCli(cli, app);
    const url = await listeningUrl(run);
    const marker = join(app, `after-${Date.now()}.txt`);
    const response = await fetchText(`${url}/after?marker=${encodeURIComponent(marker)}`);
    expect(JSON.parse(response.body)).toEqual({ scheduled: true });
    run.child.kill('SIGTERM');
    expect((await within(run.exited, 5_000, 'exit')).code).toBe(0);
    expect(existsSync(marker) && readFileSync(marker, 'utf8')).toBe('after() finished');
  });

  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 1],
  ] as const)('a second signal (%s) exits at once with %i', async (second, code) => {
    const run = runCli(cli, app);
    const url = await listeningUrl(run);
    const stream = await startStream(`${url}/stream?n=100&ms=100`);
    stream.rest.catch(() => undefined);
    run.child.kill('SIGTERM');
    await run.waitFor((line) => typeof line.msg === 'string' && line.msg.startsWith('Shutting down'));
    run.child.kill(second);
    // The stream still had about 10 s to go: exiting within a few seconds means it did not wait.
    expect(await within(run.exited, 5_000, 'exit')).toEqual({ code, signal: null });
    expect(run.lines.some((line) => line.msg === `${second} again: exiting now`)).toBe(true);
  });

  test('SHUTDOWN_TIMEOUT_MS bounds the wait: exit 1 and the stream is cut', async () => {
    const run = runCli(cli, app, { SHUTDOWN_TIMEOUT_MS: '500' });
    const url = await listeningUrl(run);
    const stream = await startStream(`${url}/stream?n=100&ms=100`);
    const sent = Date.now();
    run.child.kill('SIGTERM');
    expect((await within(run.exited, 5_000, 'exit')).code).toBe(1);
    expect(Date.now() - sent).toBeGreaterThanOrEqual(450);
    await expect(within(stream.rest, 2_000, 'the stream')).rejects.toThrow();
    expect(run.lines.some((line) => line.msg === 'Shutdown timed out after 500 ms; open connections were closed')).toBe(true);
  });
});
