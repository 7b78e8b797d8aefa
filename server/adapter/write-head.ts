/**
 * @module writeHead: the one place the engine sends a status line and headers. Node refuses a
 * header that undici let through (a control character taken from user input, e.g.
 * `new Response('ok', { headers: { 'x-echo': '\x01' } })` or `redirect('/a\nb')`); that refusal
 * used to escape into a promise and end the process. Here it becomes a NextpressError naming the
 * header, with `res` left clean (no half-set headers, no bad status text) so the caller can answer
 * an empty 500 on the same response.
 *
 *   writeHead(res, 200, '', { 'x-a': '1' })      -> sent
 *   writeHead(res, 200, '', { 'x-a': 'a\x01b' }) -> throws INVALID_RESPONSE_HEADER
 *     "Invalid character in header content [\"x-a\"]"; res.headersSent === false
 */
import type { ServerResponse } from 'node:http';
import { NextpressError } from '../errors';
import { underPresetHeaders } from './preset-headers';

export type OutgoingHeaders = Record<string, string | string[]>;

export function writeHead(res: ServerResponse, status: number, statusText: string, given: OutgoingHeaders): void {
  const headers = underPresetHeaders(res, given); // next.config's and proxy.ts's headers win, as in Next
  try {
    if (statusText) res.writeHead(status, statusText, headers);
    else res.writeHead(status, headers);
  } catch (error) {
    throw invalidHead(res, headers, error);
  }
}

/** Removes what a refused writeHead left on `res` and describes the refusal. */
export function invalidHead(res: ServerResponse, headers: OutgoingHeaders, cause: unknown): NextpressError {
  if (!res.headersSent) {
    for (const name of Object.keys(headers)) res.removeHeader(name);
    res.statusMessage = '';
  }
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new NextpressError(
    `The response could not be sent: ${reason}. A header name or value holds a character HTTP does not allow (often a control character copied from the request); encode or validate it before setting it.`,
    {
      status: 500,
      code: 'INVALID_RESPONSE_HEADER',
      cause,
    },
  );
}
