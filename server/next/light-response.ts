/**
 * @module LightResponse: the platform `Response`, except that a string body is kept as the string
 * until something reads it (undici would build a body stream at once). The writer
 * (server/adapter/write-response.ts) sends that string with one `end`; the first read of the body
 * (`body`, `text()`, `json()`, `clone()`, ...) makes the platform Response that holds it, so every
 * read behaves exactly as the platform's. `NextResponse` is built on it, and nextpress installs it
 * as the global `Response` (installLightResponse), so route files written the common way
 * (`new Response('hi')`, `Response.json(data)`) cost what `NextResponse` costs.
 *
 *   new LightResponse('hi')                  -> status 200, content-type text/plain;charset=UTF-8, body 'hi' (kept as a string)
 *   LightResponse.json({ a: 1 })             -> content-type application/json, body '{"a":1}' (kept as a string)
 *   new LightResponse(stream | bytes | null) -> exactly the platform's
 *   new LightResponse('x', { status: 204 })  -> TypeError "Response constructor: Invalid response status code 204"
 *   nativeResponse instanceof LightResponse  -> true (so `instanceof Response` holds for fetch() results once installed)
 */
import { NATIVE_RESPONSE, LAZY_BODY, LIGHT_RESPONSE } from '../shared/shared-state';

/** The platform's Response, whichever copy of this module loads first (Symbol.for: shared by all copies). */
const kNative = NATIVE_RESPONSE;
const registry = globalThis as typeof globalThis & { [kNative]?: typeof Response };
export const NativeResponse: typeof Response = (registry[kNative] ??= globalThis.Response);

/**
 * A string body held as the string until something reads it. Registered with Symbol.for because
 * the writer and a route file's `next/server` may be two copies of this module.
 */
export const kLazyBody: unique symbol = LAZY_BODY as never;
export interface LazyBody {
  text: string;
  /** The platform Response made on first read of the body; the body's state lives there from then on. */
  real: Response | undefined;
}

/** Marks the installed global (Symbol.for: every copy of this module agrees). */
const kLight = LIGHT_RESPONSE;

/** Statuses the Response constructor refuses a body for. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
const JSON_INIT: ResponseInit = { headers: { 'content-type': 'application/json' } };

export class LightResponse extends NativeResponse {
  [kLazyBody]: LazyBody | undefined;

  constructor(body?: BodyInit | null, init?: ResponseInit) {
    if (typeof body !== 'string') {
      super(body, init);
      this[kLazyBody] = undefined;
    } else {
      super(null, init);
      if (NULL_BODY_STATUSES.has(this.status)) throw new TypeError(`Response constructor: Invalid response status code ${this.status}`);
      if (!this.headers.has('content-type')) this.headers.set('content-type', 'text/plain;charset=UTF-8');
      this[kLazyBody] = { text: body, real: undefined };
    }
  }

  /** `Response.json(data, init)`, with the JSON kept as a string until read. */
  static override json(data: unknown, init?: ResponseInit): Response {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError('Value is not JSON serializable');
    if (init === undefined) return new this(text, JSON_INIT); // the usual call: no Headers copied
    const headers = new Headers(init.headers);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return new this(text, { status: init.status, statusText: init.statusText, headers });
  }

  /** Any platform Response is one: `fetch()` results stay `instanceof Response` once this is the global. */
  static [Symbol.hasInstance](value: unknown): boolean {
    if (this === LightResponse) return value instanceof NativeResponse;
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this[kLazyBody] === undefined ? super.body : realBody(this).body;
  }

  override get bodyUsed(): boolean {
    const lazy = this[kLazyBody];
    return lazy === undefined ? super.bodyUsed : (lazy.real?.bodyUsed ?? false);
  }

  override text(): Promise<string> {
    return this[kLazyBody] === undefined ? super.text() : realBody(this).text();
  }

  // biome-ignore lint/suspicious/noExplicitAny: the platform's own signature
  override json(): Promise<any> {
    return this[kLazyBody] === undefined ? super.json() : realBody(this).json();
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return this[kLazyBody] === undefined ? super.arrayBuffer() : realBody(this).arrayBuffer();
  }

  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this[kLazyBody] === undefined ? super.bytes() : realBody(this).bytes();
  }

  override blob(): Promise<Blob> {
    return this[kLazyBody] === undefined ? super.blob() : realBody(this).blob();
  }

  override formData(): Promise<FormData> {
    return this[kLazyBody] === undefined ? super.formData() : realBody(this).formData();
  }

  /** As the platform's clone(): a Response with the same status, headers and body. */
  override clone(): Response {
    const lazy = this[kLazyBody];
    if (lazy === undefined) return super.clone();
    if (lazy.real !== undefined) {
      const copy = lazy.real.clone(); // throws the platform's error for a used body
      return new NativeResponse(copy.body, { status: this.status, statusText: this.statusText, headers: this.headers });
    }
    return new NativeResponse(lazy.text, { status: this.status, statusText: this.statusText, headers: this.headers });
  }
}

/** The platform Response holding a lazy body, made on first read (with this response's headers, for the MIME type). */
function realBody(response: LightResponse): Response {
  const lazy = response[kLazyBody]!;
  return (lazy.real ??= new NativeResponse(lazy.text, { headers: response.headers }));
}

/**
 * Makes LightResponse the global `Response` where route files run (once; a no-op where it already
 * is): this realm, and Node's main one, which differ under jest (its sandbox is a realm of its
 * own; the loader evaluates route files in the main one). `NEXTPRESS_NATIVE_RESPONSE=1` (or
 * `NEXTPRESS_NO_FAST_PATH=1`) keeps the platform's.
 */
export function installLightResponse(): void {
  if (process.env.NEXTPRESS_NATIVE_RESPONSE === '1' || process.env.NEXTPRESS_NO_FAST_PATH === '1') return;
  Object.defineProperty(LightResponse, kLight, { value: true, configurable: true });
  const main = (require('node:vm') as typeof import('node:vm')).runInThisContext('globalThis') as typeof globalThis;
  for (const realm of new Set([globalThis, main])) {
    const current = realm.Response as typeof Response & { [kLight]?: true };
    // Only over the platform's own Response: a realm whose Response is another copy's LightResponse, or another class, keeps it.
    if (current[kLight] !== true && current === NativeResponse) realm.Response = LightResponse as typeof Response;
  }
}
