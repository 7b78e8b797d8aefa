/**
 * @module Graceful shutdown. On SIGTERM or SIGINT (or `begin()`, e.g. asked by a cluster primary):
 *   1. mark the app draining, so readiness answers 503; with `delayMs` (SHUTDOWN_DELAY_MS), keep
 *      accepting and serving for that long, so a load balancer's health check sees the 503 and
 *      stops routing here before the listener closes;
 *   2. stop accepting connections, close every socket that serves no request (idle keep-alive,
 *      never used, half a request line: see track-connections.ts), and answer `Connection: close`
 *      to any request still arriving on a busy one;
 *   3. wait for in-flight requests (streams included), then for pending `after()` work;
 *   4. exit 0, or 1 if SHUTDOWN_TIMEOUT_MS passed first (remaining connections are cut).
 * A second signal exits at once: 130 after SIGINT, 1 after SIGTERM.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { NextpressState } from '../app';
import type { EngineLogger } from '../logging/engine-logger';
import type { ConnectionTracker } from './track-connections';

export interface ShutdownOptions {
  server: Server;
  nextpress: Pick<NextpressState, 'draining' | 'pendingAfter'>;
  timeoutMs: number;
  /** SHUTDOWN_DELAY_MS: step 1's wait before the listener closes (default 0); not part of `timeoutMs`. */
  delayMs?: number;
  logger: Pick<EngineLogger, 'info' | 'warn'>;
  /** From startServer: without it only idle keep-alive sockets are closed early. */
  connections?: Pick<ConnectionTracker, 'closeUnused'>;
  /** Default: process.exit. */
  exit?: (code: number) => void;
}

export interface ShutdownHandle {
  /** Starts the graceful shutdown (no-op once started); resolves when it has called `exit`. */
  begin(reason: string): Promise<void>;
  /** Removes the signal handlers. */
  dispose(): void;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
/** How often idle keep-alive sockets are swept while draining (a busy socket turns idle when its response ends). */
const SWEEP_MS = 100;

export function handleShutdown(options: ShutdownOptions): ShutdownHandle {
  const { logger } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let started: Promise<void> | undefined;

  function begin(reason: string): Promise<void> {
    started ??= (async () => {
      const delayMs = options.delayMs ?? 0;
      if (delayMs > 0) {
        options.nextpress.draining = true;
        logger.info({ reason, delayMs }, `Shutting down (${reason}): readiness answers 503; still accepting for ${delayMs} ms (SHUTDOWN_DELAY_MS)`);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
      logger.info({ reason, timeoutMs: options.timeoutMs }, `Shutting down (${reason}): finishing in-flight requests`);
      const finished = await drain(options.server, options.nextpress, options.timeoutMs, options.connections);
      if (finished) logger.info({}, 'Shutdown complete');
      else logger.warn({ timeoutMs: options.timeoutMs }, `Shutdown timed out after ${options.timeoutMs} ms; open connections were closed`);
      exit(finished ? 0 : 1);
    })();
    return started;
  }

  function onSignal(signal: NodeJS.Signals): void {
    if (started === undefined) {
      void begin(signal);
      return;
    }
    logger.warn({ signal }, `${signal} again: exiting now`);
    exit(signal === 'SIGINT' ? 130 : 1);
  }

  for (const signal of SIGNALS) process.on(signal, onSignal);
  return {
    begin,
    dispose: () => {
      for (const signal of SIGNALS) process.off(signal, onSignal);
    },
  };
}

/** Steps 1-3 above; resolves true when everything finished within `timeoutMs`. */
export async function drain(
  server: Server,
  nextpress: ShutdownOptions['nextpress'],
  timeoutMs: number,
  connections?: ShutdownOptions['connections'],
): Promise<boolean> {
  nextpress.draining = true;
  server.prependListener('request', closeAfterResponse);
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const closeUnused = () => {
    server.closeIdleConnections();
    connections?.closeUnused();
  };
  closeUnused();
  const sweep = setInterval(closeUnused, SWEEP_MS);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(resolve, timeoutMs, false);
  });
  try {
    // after() failures are the dispatcher's to report; here they only mean "that work is over".
    const settled = closed
      .then(() => nextpress.pendingAfter())
      .then(
        () => true as const,
        () => true as const,
      );
    const finished = await Promise.race([settled, timedOut]);
    if (!finished) server.closeAllConnections();
    return finished;
  } finally {
    clearInterval(sweep);
    clearTimeout(timer);
  }
}

function closeAfterResponse(_req: IncomingMessage, res: ServerResponse): void {
  if (!res.headersSent) res.setHeader('connection', 'close');
}
