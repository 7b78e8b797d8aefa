/**
 * @module healthRoutes: liveness and readiness answers for load balancers and orchestrators, ahead
 * of every route and never cached.
 *
 *   GET|HEAD livePath                  → 200 {"status":"ok"}
 *   GET|HEAD readyPath, isReady()      → 200 {"status":"ready"}
 *   GET|HEAD readyPath, !isReady()     → 503 {"status":"draining"}
 *   any other method on either path    → 405, Allow: GET, HEAD
 *   any other path                     → next()
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export interface HealthOptions {
  livePath: string;
  readyPath: string;
  /** False while the server starts or drains; read on every readiness probe. */
  isReady: () => boolean;
}

const OK = JSON.stringify({ status: 'ok' });
const READY = JSON.stringify({ status: 'ready' });
const DRAINING = JSON.stringify({ status: 'draining' });

export function healthRoutes({ livePath, readyPath, isReady }: HealthOptions): RequestHandler {
  return function health(req: Request, res: Response, next: NextFunction): void {
    const path = req.path;
    if (path !== livePath && path !== readyPath) return next();
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'cache-control': 'no-store', 'content-length': 0 }).end();
      return;
    }
    if (path === livePath) return send(req, res, 200, OK);
    if (isReady()) return send(req, res, 200, READY);
    send(req, res, 503, DRAINING);
  };
}

/** One writeHead and one end: the body is a constant, so there is nothing for Express to negotiate. */
function send(req: Request, res: Response, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
