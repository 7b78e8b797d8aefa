/**
 * @module Fetch Response -> Express res: status, every header (each Set-Cookie on its own), and the
 * body. Fast path: a string, bytes or no body goes out with one writeHead + end. Streams are
 * pumped chunk by chunk with backpressure, cancelled when the client leaves, and a stream that
 * fails mid-way cuts the connection so the client cannot take a truncated body for a whole one.
 */
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { kLazyBody, NativeResponse, type LazyBody } from '../next/light-response';
import { writeHead, type OutgoingHeaders } from './write-head';
import { mergeCookies } from './merge-cookies';
import { NO_BODY_STATUSES, sendWhole } from './send-whole';
import { pumpWebStream } from './pump-web-stream';

// Undici keeps a Response's status, header map and source body (the string or bytes it was made
// from) in internal slots. Reading them skips the spec's header sorting and the body stream.
// Probed once: if this Node's undici differs, every response takes the public path instead.
interface UndiciBody {
  source: unknown;
  length: number | null;
  stream: ReadableStream | null;
}
interface UndiciState {
  status: number;
  statusText: string;
  headersList: { cookies: string[] | null } & Record<symbol, Map<string, { name: string; value: string }>>;
  body: UndiciBody | null;
}
const probe = new NativeResponse('x', { headers: { a: 'b' } });
const kState = Object.getOwnPropertySymbols(probe).find((s) => s.description === 'state');
const probeState = kState ? (probe as unknown as Record<symbol, UndiciState>)[kState] : undefined;
const kHeadersMap = probeState?.headersList ? Object.getOwnPropertySymbols(probeState.headersList).find((s) => s.description === 'headers map') : undefined;
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
    setCookies(res, headers, state.headersList.cookies, options.cookies);
    status = state.status;
    statusText = state.statusText;
  } else {
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie') headers[name] = value;
    });
    setCookies(res, headers, readSetCookies(response.headers), options.cookies);
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

function setCookies(res: ServerResponse, headers: OutgoingHeaders, own: string[] | null, extra: string[] | undefined): void {
  const cookies = mergeCookies(res, own, extra);
  if (cookies !== undefined) headers['set-cookie'] = cookies;
}

function readSetCookies(headers: ResponseLike['headers']): string[] | null {
  if (typeof (headers as Headers).getSetCookie === 'function') return (headers as Headers).getSetCookie();
  const raw = (headers as { raw?(): Record<string, string[]> }).raw;
  if (typeof raw === 'function') return raw.call(headers)['set-cookie'] ?? null;
  const joined = (headers as Headers).get?.('set-cookie');
  return joined ? [joined] : null;
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
  if (body === null || body === undefined || NO_BODY_STATUSES.has(status) || (head && isNodeReadable(body))) {
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

/** Whether this process reads undici's internal slots (the fast path) or the public Fetch API. */
export const usesFastPath = FAST_PATH;
