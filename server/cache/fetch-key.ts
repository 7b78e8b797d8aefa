/**
 * @module fetchKey: the data-cache key of one `fetch`, from what Next's `generateCacheKey` hashes
 * (URL, method, headers but the trace-context ones, mode, redirect, credentials, referrer,
 * referrerPolicy, integrity, cache, and the body with its type), as a sha256. A body that can be
 * read only once (a stream) is read here, and the bytes are handed back to be sent instead.
 *
 *   ('https://a.test/x', {})                                   -> 'fetch:<sha256>'
 *   ('https://a.test/x', { method: 'POST', body: 'a' })         -> another key
 *   ('https://a.test/x', { headers: { traceparent: '00-…' } })  -> the same key as {}
 *   ('https://a.test/x', { body: stream })                      -> key of its bytes; body: Uint8Array
 */
import { createHash, type Hash } from 'node:crypto';

/** Bumped whenever stored fetch entries must no longer be found. */
const KEY_VERSION = 'nextpress-fetch-v1';
const TRACE_HEADERS = new Set(['traceparent', 'tracestate']);

/** What the key is made of: a RequestInit with the fields a Request would add. */
export interface KeyedInit {
  method?: string;
  headers?: HeadersInit;
  body?: BodyInit | null;
  mode?: string;
  redirect?: string;
  credentials?: string;
  referrer?: string;
  referrerPolicy?: string;
  integrity?: string;
  cache?: string;
}

export interface FetchKey {
  key: string;
  /** The body to send: the same value, or the bytes of a stream that was read for the key. */
  body: BodyInit | null | undefined;
}

export async function fetchKey(url: string, init: KeyedInit): Promise<FetchKey> {
  const hash = createHash('sha256');
  const headers: Array<[string, string]> = [];
  new Headers(init.headers).forEach((value, name) => {
    if (!TRACE_HEADERS.has(name)) headers.push([name, value]);
  });
  const { body: raw } = init;
  let body = raw;
  let bodyType: string | null = null;
  const parts: Array<string | Uint8Array> = [];
  if (raw !== undefined && raw !== null) {
    if (typeof raw === 'string') {
      bodyType = 'text/plain;charset=UTF-8';
      parts.push('str', raw);
    } else if (raw instanceof ArrayBuffer || ArrayBuffer.isView(raw)) {
      parts.push('bytes', toBytes(raw));
    } else if (typeof (raw as ReadableStream).getReader === 'function') {
      const bytes = await readAll(raw as ReadableStream<Uint8Array | string>);
      parts.push('bytes', bytes);
      body = bytes as Uint8Array<ArrayBuffer>;
    } else if (raw instanceof URLSearchParams || raw instanceof FormData) {
      bodyType = raw instanceof FormData ? 'multipart/form-data; boundary=' : 'application/x-www-form-urlencoded;charset=UTF-8';
      for (const [name, value] of raw.entries()) {
        parts.push('key', name);
        if (typeof value === 'string') parts.push('str', value);
        else parts.push('file', value.name, value.type, new Uint8Array(await value.arrayBuffer()));
      }
    } else if (raw instanceof Blob) {
      bodyType = raw.type;
      parts.push('blob', raw.type, new Uint8Array(await raw.arrayBuffer()));
    } else {
      throw new TypeError(`fetch: unsupported body type ${typeof raw} (${Object.prototype.toString.call(raw)})`);
    }
  }
  const method = (init.method ?? 'GET').toUpperCase();
  hash.update(
    JSON.stringify([
      KEY_VERSION,
      url,
      method,
      bodyType,
      headers,
      init.mode,
      init.redirect,
      init.credentials,
      init.referrer,
      init.referrerPolicy,
      init.integrity,
      init.cache,
    ]),
  );
  for (const part of parts) update(hash, part);
  return { key: `fetch:${hash.digest('hex')}`, body };
}

/** Each part with its length first, so ['ab'] and ['a', 'b'] never hash alike. */
function update(hash: Hash, part: string | Uint8Array): void {
  const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
  hash.update(`${bytes.byteLength}:`);
  hash.update(bytes);
}

function toBytes(view: ArrayBuffer | ArrayBufferView): Uint8Array {
  return view instanceof ArrayBuffer ? new Uint8Array(view) : new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

async function readAll(stream: ReadableStream<Uint8Array | string>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
