/**
 * @module startServer: one serving process. createApp (health and the request log first) → wait
 * for `ready` (preloading, when asked) → listen with the configured timeouts, checked every
 * second (Node's default check runs every 30 s, so a 5 s header timeout fired after 15-35 s).
 * `Expect: 100-continue` with a declared body over BODY_LIMIT answers 413 without inviting the
 * upload.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../../config';
import { healthRoutes } from '../../middleware/health';
import { createApp, type NextpressState } from '../app';
import { NextpressError } from '../errors';
import type { EngineLogger } from '../logging/engine-logger';
import { requestLogger, type RequestLog } from '../logging/request-logger';
import { prepareAuthEnv } from '../auth/prepare-auth-env';
import { createCacheHandler } from '../cache/create-cache-handler';
import { declaredTooLarge } from '../adapter/read-body';
import { laneClasses } from '../lane/lane-classes';
import { trackConnections, type ConnectionTracker } from './track-connections';

/** How often Node checks headersTimeout and requestTimeout. */
const TIMEOUT_CHECK_MS = 1000;

export interface StartedServer {
  server: Server;
  nextpress: NextpressState;
  /** e.g. http://localhost:3000 */
  url: string;
  /** For the shutdown: closes the sockets that serve no request. */
  connections: ConnectionTracker;
}

export async function startServer(config: Config, logger: EngineLogger & RequestLog): Promise<StartedServer> {
  let nextpress: NextpressState | undefined;
  const app = createApp({
    routesDir: config.routesDir,
    bodyLimit: config.bodyLimit,
    trustProxy: typeof config.trustProxy === 'object' ? [...config.trustProxy] : config.trustProxy,
    preload: config.preloadRoutes,
    handlerTimeoutMs: config.timeouts.handlerMs,
    logger,
    cache: createCacheHandler(config, logger),
    auth: prepareAuthEnv(config, process.env, logger),
    before: [healthRoutes({ ...config.health, isReady: () => nextpress !== undefined && !nextpress.draining }), requestLogger(logger)],
  });
  nextpress = app.locals.nextpress;
  await nextpress.ready;

  const server = createServer({
    ...laneClasses(app), // requests born with the app's Express prototypes (lane/lane-classes.ts)
    headersTimeout: config.timeouts.headersMs,
    requestTimeout: config.timeouts.requestMs,
    keepAliveTimeout: config.timeouts.keepAliveMs,
    connectionsCheckingInterval: TIMEOUT_CHECK_MS,
  });
  const connections = trackConnections(server, app);
  server.on('request', connections.listener);
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (declaredTooLarge(req, config.bodyLimit) !== undefined) {
      res.writeHead(413, { connection: 'close', 'content-length': '0' });
      res.end();
      return;
    }
    res.writeContinue();
    connections.listener(req, res);
  });
  await listen(server, config.port, config.host);
  return { server, nextpress, url: urlOf(server, config.host), connections };
}

function listen(server: Server, port: number, host: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${host ?? '(all interfaces)'}:${port}`;
      const fix =
        error.code === 'EADDRINUSE'
          ? 'Stop the other process or choose a free port (--port or PORT).'
          : 'Check the port and host (--port and --hostname, or PORT and HOST).';
      reject(new NextpressError(`Cannot listen on ${where}: ${error.message}. ${fix}`, { code: 'LISTEN_FAILED', cause: error }));
    });
    server.listen(port, host, () => resolve());
  });
}

/**
 *   host undefined | '0.0.0.0' | '::', port 3000 → http://localhost:3000
 *   host '::1', port 8080                         → http://[::1]:8080
 */
function urlOf(server: Server, host: string | undefined): string {
  const { port } = server.address() as AddressInfo;
  const name = host === undefined || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${name.includes(':') ? `[${name}]` : name}:${port}`;
}
