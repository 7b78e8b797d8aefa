/**
 * @module Helpers for the pack-and-install tests: nextpress as a user gets it.
 *   1. packNextpress(): `npm pack` of this repo (its prepack builds dist/ and the .d.ts files)
 *      into a temp folder -> the tarball's path;
 *   2. writeProject(files): a temp project folder holding the given files;
 *   3. npm(args, cwd): runs npm there (installs prefer the npm cache: --prefer-offline);
 *   4. startServer(cwd, args): `npx nextpress start -p <free port> ...` -> its URL once it listens.
 * Children get a clean environment (no JEST_WORKER_ID: the engine would think it runs under jest).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
const temps: string[] = [];
const children: ChildProcess[] = [];

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment children run with: this one minus jest's variables, plus `extra`. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of Object.keys(env)) if (name.startsWith('JEST_') || name === 'NODE_ENV') delete env[name];
  return { ...env, ...extra };
}

/** Runs a command to its end; rejects naming the command, its exit code and its output if it fails. */
export function exec(command: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code === 0) done({ code, stdout, stderr });
      else fail(new Error(`\`${command} ${args.join(' ')}\` in ${cwd} exited with ${code}.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    });
  });
}

export function npm(args: readonly string[], cwd: string): Promise<Run> {
  return exec('npm', args, cwd);
}

/** `npm install` with the flags that keep it offline-friendly and quiet. */
export function npmInstall(cwd: string, args: readonly string[] = []): Promise<Run> {
  return npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...args], cwd);
}

/** A temp folder of its own. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** `npm pack` of this repo -> the tarball's absolute path. */
export async function packNextpress(): Promise<string> {
  const out = tempDir('nextpress-pack-');
  const { stdout } = await npm(['pack', '--json', '--pack-destination', out], ROOT);
  const [{ filename }] = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{ filename: string }>;
  return join(out, filename);
}

/** A temp project folder holding the given files (paths relative to it). */
export function writeProject(files: Record<string, string>): string {
  const dir = tempDir('nextpress-project-');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

/** A TCP port nothing listens on right now (the kernel's pick). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/**
 * `npx nextpress start -p <free port> -H 127.0.0.1 ...args` in `cwd` -> its base URL once the
 * "Listening on" line is out (production, JSON logs). Rejects with its output if it exits first.
 */
export async function startServer(cwd: string, args: readonly string[] = []): Promise<{ url: string; output(): string }> {
  const port = await freePort();
  const child = spawn('npx', ['nextpress', 'start', '-p', String(port), '-H', '127.0.0.1', ...args], {
    cwd,
    env: childEnv({ NODE_ENV: 'production', LOG_LEVEL: 'info', AUTH_SECRET: 'a-test-secret-that-is-32-chars-!' }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: npx runs the server as a grandchild, killed with it
  });
  children.push(child);
  let output = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`npx nextpress start did not listen within 30 s.\n${output}`)), 30_000);
    const read = (chunk: string) => {
      output += chunk;
      if (output.includes('Listening on ')) {
        clearTimeout(timer);
        done({ url: `http://127.0.0.1:${port}`, output: () => output });
      }
    };
    child.stdout.setEncoding('utf8').on('data', read);
    child.stderr.setEncoding('utf8').on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`npx nextpress start exited (${code}) before listening.\n${output}`));
    });
  });
}

/** Kills what still runs and removes the temp folders; call from afterAll. */
export function cleanUp(): void {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) continue;
    try {
      process.kill(-child.pid, 'SIGKILL'); // the group (startServer's)
    } catch {
      child.kill('SIGKILL');
    }
  }
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}
