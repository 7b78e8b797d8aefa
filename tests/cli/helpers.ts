/**
 * @module Helpers for tests that run the real CLI in a child process.
 *
 * The CLI is built by the same script as `npm run build` (scripts/build.mjs, `--out`), but into a
 * private temp folder rather than dist/: `npm run build` empties dist/ first, so building there would race with anyone
 * else's `npm start` or build. Route folders are temp folders written by each test; the engine
 * loads them with jiti, so they are TypeScript with ES module syntax.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
const temps: string[] = [];
const children: ChildProcess[] = [];

/** Compiles the CLI and returns the path of its cli.js. */
export function buildCli(): string {
  const out = mkdtempSync(join(tmpdir(), 'nextpress-cli-build-'));
  temps.push(out);
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), `--out=${out}`], { cwd: ROOT, stdio: 'pipe' });
  // Packages resolve from the build folder as they do from dist/; package.json (--version) and
  // the demo routes/ (the default routes folder) are found beside it too.
  symlinkSync(join(ROOT, 'node_modules'), join(out, 'node_modules'), 'dir');
  symlinkSync(join(ROOT, 'routes'), join(out, 'routes'), 'dir');
  symlinkSync(join(ROOT, 'package.json'), join(out, 'package.json'), 'file');
  return join(out, 'dist', 'server', 'cli.js');
}

/** A temp app folder holding the given files (paths relative to it, e.g. `routes/pid/route.ts`). */
export function writeApp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'nextpress-cli-app-'));
  temps.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

export interface LogLine {
  level?: number;
  msg?: string;
  pid?: number;
  url?: string;
  [key: string]: unknown;
}

export interface CliRun {
  child: ChildProcess;
  /** stdout, one JSON log line each (a line that is not JSON is kept as `{ msg }`). */
  lines: LogLine[];
  stdout(): string;
  stderr(): string;
  /** Resolves with the first line (already written or still to come) that matches. */
  waitFor(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * What every run gets: production JSON logs on a free port of the loopback interface, serving the
 * `routes/` folder of the working folder (writeApp's layout).
 */
const BASE_ENV = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'info',
  AUTH_SECRET: 'a-test-secret-that-is-32-chars-!',
  PORT: '0',
  HOST: '127.0.0.1',
  ROUTES_DIR: 'routes',
};

/**
 * Runs `node <cli> ...args` in `cwd` (no args: the default command, start). `env` adds to
 * BASE_ENV; a variable set to undefined is removed.
 */
export function runCli(cli: string, cwd: string, env: Record<string, string | undefined> = {}, args: readonly string[] = []): CliRun {
  const merged: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, ...BASE_ENV, ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  const child = spawn(process.execPath, [cli, ...args], {
    cwd,
    // Only what the CLI needs: jest's own variables (NODE_ENV=test...) must not leak in.
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  let pending = '';
  const lines: LogLine[] = [];
  const waiters = new Set<() => void>();
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    pending += chunk;
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const text of complete) {
      if (text === '') continue;
      try {
        lines.push(JSON.parse(text) as LogLine);
      } catch {
        lines.push({ msg: text });
      }
    }
    for (const wake of waiters) wake();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => {
      for (const wake of waiters) wake();
      done({ code, signal });
    }),
  );

  function waitFor(match: (line: LogLine) => boolean, timeoutMs = 10_000): Promise<LogLine> {
    return new Promise((done, fail) => {
      const check = () => {
        const found = lines.find(match);
        if (found !== undefined) {
          finish();
          done(found);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          finish();
          fail(new Error(`the CLI exited before the expected line.\nstdout:\n${out}\nstderr:\n${err}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        fail(new Error(`no matching line within ${timeoutMs} ms.\nstdout:\n${out}\nstderr:\n${err}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  }

  return { child, lines, stdout: () => out, stderr: () => err, waitFor, exited };
}

/** The URL from the CLI's "Listening on" line: a JSON field, or in the text of a development line. */
export async function listeningUrl(run: CliRun): Promise<string> {
  const line = await run.waitFor((l) => typeof l.msg === 'string' && l.msg.includes('Listening on '));
  return (line.url as string | undefined) ?? /Listening on (\S+)/.exec(line.msg as string)![1];
}

/** Resolves within `ms` or fails the test, so a hung child never hangs the suite. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error(`${what} took more than ${ms} ms`)), ms);
    }),
  ]);
}

/** One GET on a fresh connection (no keep-alive), so cluster workers take turns. */
export function fetchText(url: string): Promise<{ status: number; headers: IncomingMessage['headers']; body: string }> {
  return new Promise((done, fail) => {
    get(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', fail);
    }).on('error', fail);
  });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills whatever is still running and removes the temp folders; call from afterAll. */
export function cleanUp(): void {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Route files shared by the CLI tests. */
export const ROUTES = {
  'routes/pid/route.ts': `
import { NextResponse } from 'next/server';

export function GET() {
  return NextResponse.json({ pid: process.pid });
}
`,
  // /stream?n=5&ms=100: n chunks, one every ms milliseconds.
  'routes/stream/route.ts': `
export function GET(request: Request) {
  const query = new URL(request.url).searchParams;
  const total = Number(query.get('n') ?? '5');
  const every = Number(query.get('ms') ?? '100');
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setInterval> | undefined;
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode('start\\n'));
      timer = setInterval(() => {
        controller.enqueue(encoder.encode(\`chunk \${sent}\\n\`));
        if (++sent === total) {
          clearInterval(timer);
          controller.close();
        }
      }, every);
    },
    cancel() {
      clearInterval(timer);
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/plain' } });
}
`,
};
