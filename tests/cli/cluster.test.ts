import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createServer, type AddressInfo } from 'node:net';
import { buildCli, cleanUp, fetchText, isAlive, ROUTES, runCli, within, writeApp, type CliRun } from './helpers';

let cli: string;
let app: string;

beforeAll(() => {
  cli = buildCli();
  app = writeApp(ROUTES);
}, 30_000);

afterAll(cleanUp);

const isListening = (line: { msg?: string }) => typeof line.msg === 'string' && line.msg.startsWith('Listening on ');

/** The pids of the workers that logged "Listening on". */
function listeningPids(run: CliRun): number[] {
  return run.lines.filter(isListening).map((line) => line.pid as number);
}

async function waitForWorkers(run: CliRun, count: number): Promise<number[]> {
  await run.waitFor(() => listeningPids(run).length >= count, 15_000);
  return listeningPids(run);
}

/** Asks /pid on fresh connections until every wanted pid answered (or gives up). */
async function pidsAnswering(url: string, wanted: number[], attempts = 40): Promise<Set<number>> {
  const seen = new Set<number>();
  for (let i = 0; i < attempts && !wanted.every((pid) => seen.has(pid)); i++) {
    seen.add((JSON.parse((await fetchText(`${url}/pid`)).body) as { pid: number }).pid);
  }
  return seen;
}

describe('WEB_CONCURRENCY > 1 (node:cluster)', () => {
  test('two workers answer; a killed worker is replaced; SIGTERM stops all and exits 0', async () => {
    const run = runCli(cli, app, { WEB_CONCURRENCY: '2' });
    await run.waitFor((line) => line.msg === 'Starting 2 workers');
    const [first, second] = await waitForWorkers(run, 2);
    const url = run.lines.find(isListening)!.url as string;
    expect(first).not.toBe(second);
    expect([first, second]).not.toContain(run.child.pid);

    // Both workers serve the same port.
    expect(await pidsAnswering(url, [first, second])).toEqual(new Set([first, second]));

    // Kill one: the primary replaces it (first back-off: 100 ms).
    process.kill(first, 'SIGKILL');
    await run.waitFor((line) => line.msg === `Worker ${first} exited (signal SIGKILL): replacing it in 100 ms`);
    const [, , third] = await waitForWorkers(run, 3);
    expect([first, second]).not.toContain(third);
    expect(await pidsAnswering(url, [second, third])).toEqual(new Set([second, third]));

    // SIGTERM on the primary: the workers drain and exit, then the primary exits 0.
    run.child.kill('SIGTERM');
    expect(await within(run.exited, 10_000, 'exit')).toEqual({ code: 0, signal: null });
    expect(isAlive(second) || isAlive(third)).toBe(false);
    expect(run.lines.filter((line) => line.msg === 'Shutdown complete')).toHaveLength(2);
  }, 40_000);

  test('workers that fail at boot stop the primary with exit 1 (no restart loop)', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = blocker.address() as AddressInfo;
      const run = runCli(cli, app, { WEB_CONCURRENCY: '2', PORT: String(port) });
      expect((await within(run.exited, 15_000, 'exit')).code).toBe(1);
      expect(run.stderr()).toContain(`[nextpress] Cannot listen on 127.0.0.1:${port}`);
      expect(run.lines.some((line) => typeof line.msg === 'string' && / failed to start \(code 1\): stopping$/.test(line.msg))).toBe(true);
      expect(run.lines.some((line) => typeof line.msg === 'string' && line.msg.includes('replacing it'))).toBe(false);
    } finally {
      blocker.close();
    }
  }, 30_000);
});
