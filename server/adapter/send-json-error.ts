/**
 * @module sendJsonError: the engine's own JSON answers (not found, client errors, unauthorized),
 * in one shape: `{"error": "<message>"}`, `application/json; charset=utf-8`, a Content-Length.
 *
 *   sendJsonError(res, 404, 'Not Found')                 -> 404 {"error":"Not Found"}
 *   sendJsonError(res, 413, message, { connection: 'close' }) -> 413 {"error":"..."}, Connection: close,
 *                                                               the rest of the body read and dropped (lingerClose)
 */
import type { ServerResponse } from 'node:http';
import { lingerClose } from './linger-close';

export function sendJsonError(res: ServerResponse, status: number, message: string, headers?: Record<string, string>): void {
  const body = JSON.stringify({ error: message });
  if (status === 413) lingerClose(res); // the client may still be sending its body: it reads this answer
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}
