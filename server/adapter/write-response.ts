/**
 * @module Fetch Response -> Express res: status, every header (each Set-Cookie on its own), and the
 * body. Fast path: a LightResponse's string body (or none) goes out from its slot with one
 * writeHead + end; a body stream collected within one turn goes out whole too (pump-web-stream.ts). Streams are
 * pumped chunk by chunk with backpressure, cancelled when the client leaves, and a stream that
 * fails mid-way cuts the connection so the client cannot take a truncated body for a whole one.
 */
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { kLazyBody, unwrapResponse, type LazyBody } from '../next/light-response';
import { writeHead, type OutgoingHeaders } from './write-head';
import { mergeCookies } from './merge-cookies';
import { NO_BODY_STATUSES, sendWhole } from './send-whole';
import { pumpWebStream } from './pump-web-stream';

/**
 * Fast path: a LightResponse that kept its parts (light-response.ts: `new Response('hi')`,
 * `Response.json()`, NextResponse's string bodies) is written from its slot, no platform object
 * made. NEXTPRESS_NO_FAST_PATH=1 sends every response through the public Fetch API instead (CI runs
 * the suites that way too; the wire must be byte for byte the same).
 */
const FAST_PATH = process.env.NEXTPRESS_NO_FAST_PATH !== '1';

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

/** Whether the response carries header `name` (lowercase); read from the slot when there is one. */
export function hasHeader(response: ResponseLike, name: string): boolean {
  const lazy = FAST_PATH ? (response as { [kLazyBody]?: LazyBody })[kLazyBody] : undefined;
  if (lazy !== undefined) {
    if (lazy.headers !== undefined) return lazy.headers.has(name);
    return lazy.record !== undefined ? Object.hasOwn(lazy.record, name) : name === 'content-type' && lazy.contentType !== undefined;
  }
  const headers = response.headers as Partial<Headers>;
  return typeof headers.get === 'function' && headers.get(name) !== null;
}

/**
 * Writes `response` to `res`. A body sent at once returns nothing; a streamed one returns a promise
 * that resolves when it is done, with the error the body failed with (if any) for the caller to log.
 */
export function writeResponse(res: ServerResponse, given: ResponseLike, options: WriteOptions): void | Promise<unknown> {
  const lazy = FAST_PATH ? (given as { [kLazyBody]?: LazyBody })[kLazyBody] : undefined;
  // Fast path: status, headers and the body from the slot: a string (or none) with one writeHead + end, a stream through the pump.
  if (lazy !== undefined && lazy.real === undefined) {
    const headers: OutgoingHeaders = {};
    if (lazy.headers !== undefined) {
      copyHeaders(lazy.headers, headers);
      setCookies(res, headers, lazy.headers.getSetCookie(), options.cookies);
    } else {
      // A plain init's headers, names lowercased and sorted (plain-headers.ts); else the body's default content-type.
      if (lazy.record !== undefined) Object.assign(headers, lazy.record);
      else if (lazy.contentType !== undefined) headers['content-type'] = lazy.contentType;
      setCookies(res, headers, null, options.cookies);
    }
    if (lazy.stream !== undefined) return sendStream(res, lazy.status, '', headers, lazy.stream, options.head);
    return sendWhole(res, lazy.status, '', headers, lazy.text ?? undefined, options.head);
  }
  // 1. status and headers, through the Fetch API (also node-fetch's Response)
  const response = unwrapResponse(given); // a LightResponse standing for a platform one (a stream body): that one
  const headers: OutgoingHeaders = {};
  copyHeaders(response.headers, headers);
  setCookies(res, headers, readSetCookies(response.headers), options.cookies);
  // 2. the body: a stream (a LightResponse whose body was read holds it in its platform Response)
  return sendStream(res, response.status, response.statusText ?? '', headers, response.body, options.head);
}

/** Every header but Set-Cookie (sent one per value, see setCookies). */
function copyHeaders(from: ResponseLike['headers'], to: OutgoingHeaders): void {
  from.forEach((value, name) => {
    if (name !== 'set-cookie') to[name] = value;
  });
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

/** Whether this process writes LightResponses from their slot (the fast path) or through the public Fetch API. */
export const usesFastPath = FAST_PATH;
