/**
 * @module runPrimary: WEB_CONCURRENCY > 1 runs that many workers (node:cluster), each a full
 * server sharing the port.
 *   - A worker that exits after it was listening is replaced, after a back-off (see backoff.ts).
 *   - A worker that exits before it ever listened failed at boot (a route conflict, a port in use):
 *     replacing it would fail the same way, so every worker is stopped and the primary exits 1.
 *   - SIGTERM or SIGINT asks each worker to shut down gracefully (an IPC message rather than a
 *     signal, so a terminal's Ctrl-C, which already reached every worker, is not counted twice);
 *     the primary exits once they all have: 0 if each exited 0. A second signal kills them and
 *     exits at once (130 after SIGINT, 1 after SIGTERM).
 */
import cluster, { type Worker } from 'node:cluster';
import type { EngineLogger } from '../logging/engine-logger';
import { createBackoff, type BackoffOptions } from './backoff';

export interface PrimaryOptions {
  workers: number;
  /** The workers' own graceful-shutdown limit; the primary waits this plus a margin, then kills them. */
  shutdownTimeoutMs: number;
  logger: Pick<EngineLogger, 'info' | 'warn' | 'error'>;
  backoff?: BackoffOptions;
  /** Default: process.exit. */
  exit?: (code: number) => void;
}

/** The IPC message a primary sends to ask a worker to shut down gracefully. */
export const SHUTDOWN_MESSAGE = { nextpress: 'shutdown' } as const;
const KILL_MARGIN_MS = 5_000;

interface WorkerState {
  startedAt: number;
  listening: boolean;
}

export function runPrimary(options: PrimaryOptions): void {
  const { logger } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const backoff = createBackoff(options.backoff);
  const states = new Map<Worker, WorkerState>();
  const replacements = new Set<NodeJS.Timeout>();
  let stopping: 'shutdown' | 'boot-failure' | undefined;
  let failed = false;

  function fork(): void {
    states.set(cluster.fork(), { startedAt: Date.now(), listening: false });
  }

  function stopAll(reason: 'shutdown' | 'boot-failure'): void {
    stopping = reason;
    for (const timer of replacements) clearTimeout(timer);
    replacements.clear();
    for (const worker of states.keys()) {
      if (worker.isConnected()) worker.send(SHUTDOWN_MESSAGE);
    }
    setTimeout(() => {
      logger.warn({}, 'Workers did not stop in time: killing them');
      for (const worker of states.keys()) worker.process.kill('SIGKILL');
    }, options.shutdownTimeoutMs + KILL_MARGIN_MS).unref();
  }

  cluster.on('listening', (worker) => {
    const state = states.get(worker);
    if (state !== undefined) state.listening = true;
  });

  cluster.on('exit', (worker, code, signal) => {
    const state = states.get(worker);
    states.delete(worker);
    if (stopping !== undefined) {
      if (code !== 0) failed = true;
      if (states.size === 0) exit(failed || stopping === 'boot-failure' ? 1 : 0);
      return;
    }
    const how = signal === null ? `code ${code}` : `signal ${signal}`;
    if (state === undefined || !state.listening) {
      logger.error({ worker: worker.process.pid, code, signal }, `Worker ${worker.process.pid} failed to start (${how}): stopping`);
      stopAll('boot-failure');
      if (states.size === 0) exit(1);
      return;
    }
    const delay = backoff.next(Date.now() - state.startedAt);
    logger.warn({ worker: worker.process.pid, code, signal, delayMs: delay }, `Worker ${worker.process.pid} exited (${how}): replacing it in ${delay} ms`);
    const timer = setTimeout(() => {
      replacements.delete(timer);
      fork();
    }, delay);
    replacements.add(timer);
  });

  function onSignal(signal: NodeJS.Signals): void {
    if (stopping === undefined) {
      logger.info({ signal, workers: states.size }, `${signal}: asking ${states.size} workers to shut down`);
      stopAll('shutdown');
      if (states.size === 0) exit(0);
      return;
    }
    logger.warn({ signal }, `${signal} again: killing workers and exiting now`);
    for (const worker of states.keys()) worker.process.kill('SIGKILL');
    exit(signal === 'SIGINT' ? 130 : 1);
  }
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  logger.info({ workers: options.workers }, `Starting ${options.workers} workers`);
  for (let i = 0; i < options.workers; i++) fork();
}

/** In a worker: calls `shutdown` when the primary asks for a graceful shutdown. */
export function onPrimaryShutdown(shutdown: () => void): void {
  process.on('message', (message: unknown) => {
    if ((message as { nextpress?: unknown } | null)?.nextpress === SHUTDOWN_MESSAGE.nextpress) shutdown();
  });
}
