/**
 * @module startCommand: `start [dir]`, the serving process.
 *   1. WEB_CONCURRENCY > 1 in the primary: run the workers (lifecycle/cluster.ts) and stop here
 *      (each worker runs this same command line);
 *   2. otherwise serve: the working directory becomes the Next project root (when one is served,
 *      as under `next start`; the primary stays put, its workers each move), createApp → ready →
 *      listen, print the project line, the route table, the files not served and the URL;
 *   3. shut down gracefully on SIGTERM/SIGINT (lifecycle/shutdown.ts).
 * "Listening on <url>" is logged at info; when LOG_LEVEL hides info, it goes to stderr as a plain
 * line instead, so a quiet server still says that it started.
 */
import cluster from 'node:cluster';
import type { Config } from '../../config';
import { prepareAuthEnv } from '../auth/prepare-auth-env';
import { onPrimaryShutdown, runPrimary } from '../lifecycle/cluster';
import { formatRouteTable } from '../lifecycle/route-table';
import { notServedLine, projectLine } from '../lifecycle/start-up-lines';
import { handleShutdown } from '../lifecycle/shutdown';
import { startServer } from '../lifecycle/start-server';
import { createLogger } from '../logging/logger';

export interface StartProject {
  /** The Next project root (absolute), when `[dir]` or the working folder is one. */
  root?: string;
  /** The env files read (load-env-files.ts), for the project line. */
  envFiles: readonly string[];
  /** `dev`: one process, watching the project and reloading on change (dev/watch-project.ts). */
  watch?: boolean;
}

export async function startCommand(config: Config, project: StartProject = { envFiles: [] }): Promise<void> {
  const logger = createLogger(config);

  if (config.webConcurrency > 1 && cluster.isPrimary && project.watch !== true) {
    prepareAuthEnv(config, process.env, logger); // workers inherit one development AUTH_SECRET, if any
    runPrimary({ workers: config.webConcurrency, shutdownTimeoutMs: config.timeouts.shutdownDelayMs + config.timeouts.shutdownMs, logger });
    return;
  }

  if (project.root !== undefined) process.chdir(project.root); // route code reads path.join(process.cwd(), ...)
  const { server, nextpress, url, connections } = await startServer(config, logger);
  const shutdown = handleShutdown({ server, nextpress, timeoutMs: config.timeouts.shutdownMs, delayMs: config.timeouts.shutdownDelayMs, logger, connections });
  // Last resort: a rejection nothing handled is a bug, logged at fatal; the process keeps serving.
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason }, `Unhandled promise rejection (a bug; the server keeps serving): ${(reason as Error)?.message ?? String(reason)}`);
  });
  // An exception nothing caught (a throw in a timer of route code): one fatal JSON line, then exit 1 as
  // Node would (the process's state is unknown; under WEB_CONCURRENCY the primary starts another worker).
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, `Uncaught exception (a bug; the process exits): ${error?.message ?? String(error)}`);
    process.exitCode = 1;
    process.exit(1);
  });
  if (cluster.isWorker) onPrimaryShutdown(() => void shutdown.begin('asked by the primary'));

  // One route table per start: the single process, or the first worker.
  const first = !cluster.isWorker || cluster.worker?.id === 1;
  if (first) {
    const { routes } = nextpress;
    if (project.root !== undefined)
      logger.info({ project: project.root, envFiles: project.envFiles }, projectLine(project.root, nextpress.routesDir, project.envFiles));
    const count = routes.length === 1 ? '1 route' : `${routes.length} routes`;
    if (config.nodeEnv === 'development') logger.info(`${count}:\n${formatRouteTable(routes)}`);
    else logger.info({ routes }, count);
    const skipped = notServedLine(nextpress.notServed, nextpress.routesDir);
    if (skipped !== undefined) logger.info({ notServed: nextpress.notServed }, skipped);
    const files = nextpress.projectFiles();
    if (files.length > 0)
      logger.info({ projectDir: nextpress.projectDir, files }, `Read from the project: ${files.join(', ')} (next.config and proxy run before the routes)`);
  }
  if (project.watch === true) {
    const root = nextpress.projectDir ?? nextpress.routesDir;
    const { watchProject } = await import('../dev/watch-project'); // only `dev` loads the watcher
    // The env files were read from the project root, or else from the working folder (load-cli-config.ts).
    await watchProject({ root, reload: nextpress.reload, logger, envDir: project.root ?? process.cwd() }).ready;
    logger.info({ root }, `Watching ${root} for changes`);
  }
  if (logger.isLevelEnabled('info'))
    logger.info({ url }, `Listening on ${url}`); // pid: every line has it (pino's base)
  else if (first) process.stderr.write(`Listening on ${url}\n`);
}
