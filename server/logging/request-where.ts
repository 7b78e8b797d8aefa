/**
 * @module requestWhere: what an error or warning line says of the request it is about: the method,
 * the path (never the query string, which may hold tokens, as the request line never logs it) and
 * the request's id (the `x-request-id` its request line and its answer carry), when it has one.
 *
 *   GET /boom?token=s3cret, x-request-id abc -> { method: 'GET', url: '/boom', requestId: 'abc' }
 *   POST /api/x (no request log)             -> { method: 'POST', url: '/api/x' }
 */
import type { Request } from 'express';

export interface RequestWhere {
  method: string;
  url: string;
  requestId?: string;
}

export function requestWhere(req: Request): RequestWhere {
  const full = req.originalUrl ?? req.url ?? '/';
  const query = full.indexOf('?');
  const where: RequestWhere = { method: req.method, url: query === -1 ? full : full.slice(0, query) };
  const id = req.res?.getHeader('x-request-id');
  if (typeof id === 'string') where.requestId = id;
  return where;
}
