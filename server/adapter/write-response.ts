/**
 * @module Fetch Response -> Express res: status, every header (each Set-Cookie on its own), and the
 * body. Fast path: a string, bytes or no body goes out with one writeHead + end. Streams are
 * pumped chunk by chunk with backpressure, cancelled when the client leaves, and a stream that
 * fails mid-way cuts the connection so the client cannot take a truncated body for a whole one.
 */
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { isUint8Array } from 'node:util/types';
import { kLazyBody, type LazyBody } from '../next/response';
import { writeHead, type OutgoingHeaders } from './write-head';
import { sendEmpty } from './send-empty';

/** Statuses that never carry a body. */
const NO_BODY = new Set([101, 103, 204, 205, 304]);

// Undici keeps a Response's status, header map and source body (the string or bytes it was made
// from) in internal slots. Reading them skips the spec's header sorting and the body stream.
// Probed once: if this Node's undici differs, every response takes the public path instead.
interface UndiciBody { source: unknown; length: number | null; stream: ReadableStream | null }
interface UndiciState {
  status: number;
  statusText: string;
  headersList: { cookies: string[] | null } & Record<symbol, Map<string, { name: string; value: string }>>;
  body: UndiciBody | null;
}
const probe = new Response('x', { headers: { a: 'b' } });
const kState = Object.getOwnPropertySymbols(probe).find((s) => s.description === 'state');
const probeState = kState ? (probe as unknown as Record<symbol, UndiciState>)[kState] : undefined;
const kHeadersMap = probeState?.headersList
  ? Object.getOwnPropertySymbols(probeState.headersList).find((s) => s.description === 'headers map')
  : undefined;
const FAST_PATH =
  process.env.NEXTPRESS_NO_FAST_PATH !== '1' &&
  kState !== undefined &&
  kHeadersMap !== undefined &&
  probeState?.status === 200 &&
  probeState.body?.source === 'x' &&
  probeState.headersList[kHeadersMap]?.get('a')?.value === 'b';

/** Any Response-like value: the platform's, NextResponse, or node-fetch v2/v3. */
export interface ResponseLike {
  status: number;
  statusText?: string;
  headers: Headers | { forEach(cb: (value: string, name: string) => void): void; raw?(): Record<string, string[]> };
  body: ReadableStream<Uint8Array> | Readable | null;
  bodyUsed?: boolean;
}

export interface WriteOptions {
  /** HEAD: send the headers a GET would, and no body. */
  head: boolean;
  /** Extra Set-Cookie values (from next/headers `cookies().set`), added after the response's own. */
  cookies: string[] | undefined;
}

/** True for a value a route handler may return: a Fetch Response or a node-fetch one. */
export function isResponseLike(value: unknown): value is ResponseLike {
  if (typeof value !== 'object' || value === null) return false;
  if (value instanceof Response) return true;
  const candidate = value as Partial<ResponseLike>;
  return typeof candidate.status === 'number' && typeof candidate.headers === 'object' && candidate.headers !== null && 'body' in candidate;
}

/** Whether the response carries header `name` (lowercase); undici's own map when readable, no Headers call. */
export function hasHeader(response: ResponseLike, name: string): boolean {
  const state = FAST_PATH ? (response as unknown as Record<symbol, UndiciState | undefined>)[kState!] : undefined;
  if (state !== undefined) return state.headersList[kHeadersMap!].has(name);
  const headers = response.headers as Partial<Headers>;
  return typeof headers.get === 'function' && headers.get(name) !== null;
}

/**
 * Writes `response` to `res`. A body sent at once returns nothing; a streamed one returns a promise
 * that resolves when it is done, with the error the body failed with (if any) for the caller to log.
 */
export function writeResponse(res: ServerResponse, response: ResponseLike, options: WriteOptions): void | Promise<unknown> {
  // 1. status and headers: undici's own slots when readable (checked by symbol, not `instanceof`,
  //    so any realm's Response qualifies), else the Fetch API (also node-fetch's Response).
  const state = FAST_PATH ? (response as unknown as Record<symbol, UndiciState | undefined>)[kState!] : undefined;
  const headers: OutgoingHeaders = {};
  let status: number;
  let statusText: string;
  if (state !== undefined) {
    for (const [key, entry] of state.headersList[kHeadersMap!]) {
      if (key !== 'set-cookie') headers[key] = entry.value;
    }
    addCookies(res, headers, state.headersList.cookies, options.cookies);
    status = state.status;
    statusText = state.statusText;
  } else {
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie') headers[name] = value;
    });
    addCookies(res, headers, readSetCookies(response.headers), options.cookies);
    status = response.status;
    statusText = response.statusText ?? '';
  }

  // 2. the body. Fast path: a string or bytes goes out with one writeHead + end, no body stream.
  const lazy = (response as { [kLazyBody]?: LazyBody })[kLazyBody];
  if (lazy !== undefined) {
    // NextResponse's string body, unless something has read it (then its platform Response holds the stream).
    if (lazy.real === undefined) return sendWhole(res, status, statusText, headers, lazy.text, options.head);
  } else if (state !== undefined) {
    const body = state.body;
    if (body === null || body === undefined) return sendWhole(res, status, statusText, headers, undefined, options.head);
    const source = body.source;
    if (!response.bodyUsed && (typeof source === 'string' || source instanceof Uint8Array)) {
      return sendWhole(res, status, statusText, headers, source, options.head);
    }
  }
  return sendStream(res, status, statusText, headers, response.body, options.head);
}

function readSetCookies(headers: ResponseLike['headers']): string[] | null {
  if (typeof (headers as Headers).getSetCookie === 'function') return (headers as Headers).getSetCookie();
  const raw = (headers as { raw?(): Record<string, string[]> }).raw;
  if (typeof raw === 'function') return raw.call(headers)['set-cookie'] ?? null;
  const joined = (headers as Headers).get?.('set-cookie');
  return joined ? [joined] : null;
}

/**
 * Set-Cookie as a list: the response's own, then next/headers cookies, after any set earlier by
 * middleware. As in Next, a next/headers cookie is only a fallback: when the Response sets a
 * cookie of the same name itself, the Response's wins and the other is not sent.
 */
function addCookies(res: ServerResponse, headers: OutgoingHeaders, own: string[] | null, extra: string[] | undefined): void {
  let cookies: string[] | undefined = own !== null && own.length > 0 ? own : undefined;
  if (extra !== undefined && extra.length > 0) cookies = cookies === undefined ? extra : [...cookies, ...withoutNamesOf(extra, cookies)];
  if (cookies === undefined) return;
  const earlier = res.getHeader('set-cookie');
  if (earlier !== undefined) cookies = [...(Array.isArray(earlier) ? earlier : [String(earlier)]), ...cookies];
  headers['set-cookie'] = cookies;
}

/** `['a=1', 'b=2']` minus the names in `['b=3; Path=/']` -> `['a=1']`. */
function withoutNamesOf(cookies: string[], taken: string[]): string[] {
  const names = new Set(taken.map(cookieName));
  return cookies.filter((cookie) => !names.has(cookieName(cookie)));
}

function cookieName(setCookie: string): string {
  const end = setCookie.indexOf('=');
  return (end === -1 ? setCookie : setCookie.slice(0, end)).trim();
}

/** One writeHead + one end: for no body, a string, bytes, or chunks collected from a stream (written in one turn, so one writev). */
function sendWhole(
  res: ServerResponse,
  status: number,
  statusText: string,
  headers: OutgoingHeaders,
  body: string | Uint8Array | readonly Uint8Array[] | undefined,
  head: boolean,
): void {
  if (body !== undefined && !NO_BODY.has(status) && headers['content-length'] === undefined) {
    headers['content-length'] = String(byteLengthOf(body));
  }
  writeHead(res, status, statusText, headers);
  if (head || body === undefined || NO_BODY.has(status)) res.end();
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

/**
 * Streams the body. Bodiless statuses cancel it; a Node stream (node-fetch) is piped; a web stream
 * goes through the pump, which sends it whole when it can (see pumpWebStream).
 */
function sendStream(
  res: ServerResponse,
  status: number,
  statusText: string,
  headers: OutgoingHeaders,
  body: ReadableStream<Uint8Array> | Readable | null,
  head: boolean,
): void | Promise<unknown> {
  if (body === null || body === undefined || NO_BODY.has(status) || (head && isNodeReadable(body))) {
    writeHead(res, status, statusText, headers);
    res.end();
    if (body) cancelBody(body);
    return;
  }
  if (isNodeReadable(body)) {
    writeHead(res, status, statusText, headers);
    res.flushHeaders(); // server-sent events: the client sees the headers before the first event
    return pipeNodeStream(res, body);
  }
  return pumpWebStream(res, status, statusText, headers, body, head);
}

function isNodeReadable(body: unknown): body is Readable {
  return typeof (body as Readable).pipe === 'function' && typeof (body as Readable).on === 'function';
}

function cancelBody(body: ReadableStream<Uint8Array> | Readable): void {
  if (isNodeReadable(body)) body.destroy();
  else body.cancel().catch(() => {});
}

function pipeNodeStream(res: ServerResponse, body: Readable): Promise<unknown> {
  return new Promise((resolve) => {
    pipeline(body, res, (error) => {
      if (error && !res.destroyed) res.destroy(error);
      // The client leaving is not the body's failure.
      resolve(error && (error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE' ? error : undefined);
    });
  });
}

/** A web-stream body that ends within the first turn of the event loop goes out whole if its chunks after the first stay within this size. */
export const WHOLE_BODY_LIMIT = 64 * 1024;

/**
 * Writes a web stream's body, in two phases:
 *   1. whole: chunks that are ready in this turn of the event loop are collected (the first at
 *      any size, then up to WHOLE_BODY_LIMIT in all). A body that ends here goes out as one
 *      writeHead + end with a Content-Length, like a string body: `new Response('hi')` on Node 24
 *      (whose undici hides the source string), `Response.json` and a stream that enqueues
 *      everything in `start()`. HEAD learns the length the same way.
 *   2. streaming: at the end of the turn (setImmediate), past the limit, or on a chunk that is not
 *      bytes, what was collected goes out with the headers, and each later chunk is written as it
 *      comes, waiting for `drain` when the socket is full. As in Next, the headers go out with the
 *      first chunk, not before: a stream that fails before its first chunk, in this turn or any
 *      later one, still answers an empty 500. HEAD sends its headers at the end of the turn.
 *      A stream that fails after bytes went out cuts the connection, so the client cannot take a
 *      truncated body for a whole one.
 * Node refusing a header (see write-head.ts) answers an empty 500 too. The client leaving cancels
 * the stream. Resolves with the error the body (or its headers) failed with, for the caller to log.
 */
async function pumpWebStream(
  res: ServerResponse,
  status: number,
  statusText: string,
  headers: OutgoingHeaders,
  body: ReadableStream<Uint8Array>,
  head: boolean,
): Promise<unknown> {
  const reader = body.getReader();
  let closed = false; // the client left, HEAD has sent all it will, or the headers were refused
  let wake: (() => void) | undefined;
  const stop = () => {
    closed = true;
    reader.cancel().catch(() => {});
  };
  const onClose = () => {
    closed = true;
    if (!res.writableFinished) reader.cancel().catch(() => {});
    wake?.();
  };
  const onDrain = () => wake?.();
  res.on('close', onClose);

  let failure: unknown;
  // Phase 1 state: the chunks collected so far; undefined once streaming.
  let whole: Uint8Array[] | undefined = [];
  let size = 0;

  /** Sends the headers once; false when Node refused them (the empty 500 is then out). */
  const sendHead = (): boolean => {
    if (res.headersSent) return true;
    try {
      writeHead(res, status, statusText, headers);
      return true;
    } catch (error) {
      failure = error;
      stop();
      sendEmpty(res, 500);
      return false;
    }
  };
  /** Ends phase 1; false when nothing more is to be written. */
  const startStreaming = (): boolean => {
    if (whole === undefined) return !closed;
    const collected = whole;
    whole = undefined;
    clearImmediate(endOfTurn);
    if (res.destroyed) return false;
    if (head) {
      if (sendHead()) res.end();
      stop();
      return false;
    }
    if (collected.length === 0) return true; // the headers wait for the first chunk
    if (!sendHead()) return false;
    for (const chunk of collected) res.write(chunk);
    return true;
  };
  const endOfTurn: NodeJS.Immediate = setImmediate(startStreaming);

  let readToEnd = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) readToEnd = true;
      if (done || closed) break;
      if (whole !== undefined) {
        // The first chunk is kept at any size (it is in memory already: Node 24's `new Response(bytes)`
        // arrives as one chunk); the limit bounds what more is read ahead. isUint8Array is realm-safe.
        if (isUint8Array(value) && (whole.length === 0 || size + value.byteLength <= WHOLE_BODY_LIMIT)) {
          whole.push(value);
          size += value.byteLength;
          continue;
        }
        if (!startStreaming()) break;
      }
      if (!sendHead()) break;
      if (!res.write(value)) {
        res.once('drain', onDrain);
        await new Promise<void>((resolve) => (wake = resolve));
        res.off('drain', onDrain);
        wake = undefined;
        if (closed) break;
      }
    }
    if (!closed) {
      // A response that names its own framing (a proxied upstream's `transfer-encoding: chunked`) keeps it.
      if (whole !== undefined && headers['transfer-encoding'] === undefined) {
        clearImmediate(endOfTurn);
        sendWhole(res, status, statusText, headers, whole, head);
      } else if (whole === undefined && !res.headersSent) {
        sendWhole(res, status, statusText, headers, [], head); // ended before its first chunk
      } else if (startStreaming() && sendHead()) {
        res.end();
      }
    } else {
      clearImmediate(endOfTurn);
    }
  } catch (error) {
    failure = error ?? new Error('the response body stream failed');
    clearImmediate(endOfTurn);
    if (!res.headersSent && !res.destroyed) {
      // Nothing is out yet: a clean, empty 500 (the same as a handler that throws).
      res.writeHead(500, { 'content-length': '0' });
      res.end();
    } else if (!res.destroyed) {
      // Headers (and maybe part of the body) are out: the only honest signal left is to cut the connection.
      res.destroy(error as Error);
    }
  } finally {
    res.off('close', onClose);
    // A stream read to its end is closed and needs no unlocking (releaseLock() would build an Error).
    if (!readToEnd) reader.releaseLock();
  }
  return failure;
}

/** Whether this process reads undici's internal slots (the fast path) or the public Fetch API. */
export const usesFastPath = FAST_PATH;
