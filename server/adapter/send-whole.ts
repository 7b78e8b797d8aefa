/**
 * @module sendWhole: a response whose body is all in memory (none, a string, bytes, or chunks
 * collected from a stream) as one writeHead + end, with its Content-Length.
 *
 *   200, 'hi'            -> content-length: 2, one end('hi')
 *   204 | HEAD, 'hi'     -> no body written (HEAD keeps the length a GET would have)
 *   200, [a(3), b(4)]    -> content-length: 7, write(a), write(b), end() in one turn (one writev)
 */
import type { ServerResponse } from 'node:http';
import { writeHead, type OutgoingHeaders } from './write-head';

/** Statuses that never carry a body. */
export const NO_BODY_STATUSES: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

/** One writeHead + one end: for no body, a string, bytes, or chunks collected from a stream (written in one turn, so one writev). */
export function sendWhole(
  res: ServerResponse,
  status: number,
  statusText: string,
  headers: OutgoingHeaders,
  body: string | Uint8Array | readonly Uint8Array[] | undefined,
  head: boolean,
): void {
  if (body !== undefined && !NO_BODY_STATUSES.has(status) && headers['content-length'] === undefined) {
    headers['content-length'] = String(byteLengthOf(body));
  }
  writeHead(res, status, statusText, headers);
  if (head || body === undefined || NO_BODY_STATUSES.has(status)) res.end();
  else if (typeof body === 'string' || !Array.isArray(body)) res.end(body);
  else {
    for (const chunk of body) res.write(chunk);
    res.end();
  }
}

function byteLengthOf(body: string | Uint8Array | readonly Uint8Array[]): number {
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (!Array.isArray(body)) return (body as Uint8Array).byteLength;
  let size = 0;
  for (const chunk of body) size += chunk.byteLength;
  return size;
}
