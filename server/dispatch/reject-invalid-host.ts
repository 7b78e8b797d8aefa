/**
 * @module rejectInvalidHost: the first step of the engine's chain. A request whose Host (or, behind
 * a trusted proxy, X-Forwarded-Host) no URL can be built from answers 400 with the reason, before
 * auth, guards or a route handler could trip over it.
 *
 *   Host: localhost:3000 -> next()
 *   Host: a b            -> 400 {"error":"Invalid Host header \"a b\": ..."}
 *   (no Host, HTTP/1.0)  -> next() (the URL uses localhost)
 */
import type { NextFunction, Request, Response } from 'express';
import { NextpressError } from '../errors';
import { isValidHost } from '../adapter/valid-host';

export function rejectInvalidHost(req: Request, _res: Response, next: NextFunction): void {
  const host = req.headers.host;
  if (host !== undefined && host !== '' && !isValidHost(host)) {
    next(invalid('Host', host));
    return;
  }
  if (req.headers['x-forwarded-host'] !== undefined) {
    const trusted = req.host; // X-Forwarded-Host only when `trust proxy` says so
    if (trusted && !isValidHost(trusted)) {
      next(invalid('X-Forwarded-Host', trusted));
      return;
    }
  }
  next();
}

function invalid(header: string, value: string): NextpressError {
  return new NextpressError(`Invalid ${header} header ${JSON.stringify(value)}: expected a host name or IP address, optionally with a port`, {
    status: 400,
    code: 'BAD_HOST',
  });
}
