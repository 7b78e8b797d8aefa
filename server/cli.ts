/**
 * @module The `npm start` entry (built to dist/server/cli.js):
 *   1. `.env` into process.env (real variables win), then loadConfig; a bad variable prints one
 *      message and exits 1;
 *   2. WEB_CONCURRENCY > 1 in the primary: run the workers (lifecycle/cluster.ts) and stop here;
 *   3. otherwise serve: createApp → ready → listen, print the route table and the URL;
 *   4. shut down gracefully on SIGTERM/SIGINT (lifecycle/shutdown.ts).
 * A boot failure (route conflict, port in use, a route that fails to preload) prints its message
 * and exits 1.
 */
import cluster from 'node:cluster';
import { join } from 'node:path';
import { loadConfigOrExit } from '../config';
import { applyEnvFile } from '../config/env-file';
import { isNextpressError } from './errors';
import { runPrimary, onPrimaryShutdown } from './lifecycle/cluster';
import { formatRouteTable } from './lifecycle/route-table';
import { handleShutdown } from './lifecycle/shutdown';
import { startServer } from './lifecycle/start-server';
import { createLogger } from './logging/logger';
import { prepareAuthEnv } from './auth/prepare-auth-env';

async function main(): Promise<void> {
  applyEnvFile(join(process.cwd(), '.env'));
  const config = loadConfigOrExit(process.env, { envFile: false });
  const logger = createLogger(config);

  if (config.webConcurrency > 1 && cluster.isPrimary) {
    prepareAuthEnv(config, process.env, logger); // workers inherit one development AUTH_SECRET, if any
    runPrimary({ workers: config.webConcurrency, shutdownTimeoutMs: config.timeouts.shutdownMs, logger });
    return;
  }

  const { server, nextpress, url, connections } = await startServer(config, logger);
  const shutdown = handleShutdown({ server, nextpress, timeoutMs: config.timeouts.shutdownMs, logger, connections });
  // Last resort: a rejection nothing handled is a bug, logged at fatal; the process keeps serving.
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason }, `Unhandled promise rejection (a bug; the server keeps serving): ${(reason as Error)?.message ?? String(reason)}`);
  });
  if (cluster.isWorker) onPrimaryShutdown(() => void shutdown.begin('asked by the primary'));

  // One route table per start: the single process, or the first worker.
  if (!cluster.isWorker || cluster.worker?.id === 1) {
    const { routes } = nextpress;
    const count = routes.length === 1 ? '1 route' : `${routes.length} routes`;
    if (config.nodeEnv === 'development') logger.info(`${count}:\n${formatRouteTable(routes)}`);
    else logger.info({ routes }, count);
  }
  logger.info({ url, pid: process.pid }, `Listening on ${url}`);
}

main().catch((error: unknown) => {
  // A boot failure is reported whatever LOG_LEVEL says: nextpress's own errors by their message
  // (it names the file and the fix), anything else with its stack.
  process.stderr.write(`${isNextpressError(error) ? `[nextpress] ${error.message}` : error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
