/**
 * @module LightResponse: the platform `Response`, built only when something needs it. A response
 * with a string body, a stream or none, and a plain init, keeps its parts (status, headers, the body) in a
 * slot, and the platform Response that holds the body is made on the first read of the body
 * (`body`, `text()`, `json()`, `clone()`, ...), so every read behaves exactly as the platform's. The
 * writer (server/adapter/write-response.ts) sends such a response from its slot: one writeHead + end,
 * no platform object at all. Any other body (bytes, a Blob, FormData, a stream already read) or an unusual init
 * (a statusText, a status outside 200-599, a body on a 204) is handed to the platform at once, which
 * answers or throws exactly as it would. `NextResponse` is built on it, and nextpress installs it as
 * the global `Response` (installLightResponse), so route files written the common way
 * (`new Response('hi')`, `Response.json(data)`) cost what `NextResponse` costs. As @hono/node-server
 * does, its prototype chain runs through the platform's, so `instanceof Response` holds.
 *
 *   new LightResponse('hi')                  -> status 200, content-type text/plain;charset=UTF-8, body 'hi' (in the slot)
 *   LightResponse.json({ a: 1 })             -> content-type application/json, body '{"a":1}' (in the slot)
 *   new LightResponse(null, { status: 204 }) -> status 204, no body (in the slot)
 *   new LightResponse('hi', { headers: { 'X-A': '1' } }) -> the headers kept as a record (plain-headers.ts); Headers made when read
 *   new LightResponse(stream)                -> status 200, no content-type, `body` is that stream (in the slot)
 *   new LightResponse(bytes | Blob | FormData) -> the platform's Response, wrapped
 *   new LightResponse('x', { status: 204 })  -> TypeError "Response constructor: Invalid response status code 204" (the platform's)
 *   nativeResponse instanceof LightResponse  -> true (so `instanceof Response` holds for fetch() results once installed)
 */
import * as nodeStream from 'node:stream';
import { NATIVE_RESPONSE, LAZY_BODY, LIGHT_RESPONSE, WHOLE_RESPONSE } from '../shared/shared-state';
import { plainHeaders } from './plain-headers';

/** The platform's Response, whichever copy of this module loads first (Symbol.for: shared by all copies). */
const kNative = NATIVE_RESPONSE;
const registry = globalThis as typeof globalThis & { [kNative]?: typeof Response };
export const NativeResponse: typeof Response = (registry[kNative] ??= globalThis.Response);

/**
 * The slot of a response kept as its parts. Registered with Symbol.for because the writer and a
 * route file's `next/server` may be two copies of this module.
 */
export const kLazyBody: unique symbol = LAZY_BODY as never;
export interface LazyBody {
  /** The body as given: a string, or null for none (or for a stream). */
  text: string | null;
  /** A ReadableStream body, as given (the platform keeps the same object as `body`). */
  stream: ReadableStream<Uint8Array> | undefined;
  status: number;
  /** The headers, once made (given in the init, or read); undefined: `record`, or none but `contentType`. */
  headers: Headers | undefined;
  /** A plain-object init's headers, as the writer sends them (plain-headers.ts), until `headers` is read. */
  record: Record<string, string> | undefined;
  /** The content-type a string body gets when its headers name none; undefined without a body. */
  contentType: string | undefined;
  /** The platform Response made on the first read of the body; its body state is the truth from then on. */
  real: Response | undefined;
}

/** node:stream's isDisturbed (Node >= 16.8; missing from @types/node): whether a stream was read from. */
const isDisturbed = (nodeStream as unknown as { isDisturbed(stream: unknown): boolean }).isDisturbed;

/** Marks the installed global (Symbol.for: every copy of this module agrees). */
const kLight = LIGHT_RESPONSE;
/** The platform Response one stands for when the slot cannot keep its body or init (Symbol.for, as kLazyBody). */
const kWhole: unique symbol = WHOLE_RESPONSE as never;
/** The constructor's third argument, from json(): the body is JSON. */
const kJson = Symbol('nextpress.jsonBody');

/** Statuses the Response constructor refuses a body for. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
const TEXT_TYPE = 'text/plain;charset=UTF-8';
const JSON_TYPE = 'application/json';

/**
 * Whether the slot can keep this body and init exactly as the platform would:
 *   ('hi', undefined) | ('hi', { status: 201, headers }) | (null, { status: 204 }) -> true
 *   (stream, _) | ('hi', { statusText: 'Made' }) | ('hi', { status: 204 }) | (_, { status: '201' }) -> false
 */
function keepable(body: unknown, init: ResponseInit | undefined): boolean {
  if (typeof body !== 'string' && body !== null && body !== undefined && !isFreshStream(body)) return false;
  if (init === undefined) return true;
  if (typeof init !== 'object' || init === null) return false;
  const { status, statusText } = init;
  if (statusText !== undefined && statusText !== '') return false;
  if (status === undefined) return true;
  return Number.isInteger(status) && status >= 200 && status <= 599 && !(body !== null && body !== undefined && NULL_BODY_STATUSES.has(status));
}

/** A ReadableStream nothing has read or locked (any realm's: no `instanceof`); the platform refuses any other. */
function isFreshStream(body: unknown): body is ReadableStream<Uint8Array> {
  const stream = body as ReadableStream;
  return typeof stream.getReader === 'function' && typeof stream.locked === 'boolean' && !stream.locked && !isDisturbed(stream);
}

export class LightResponse implements Response {
  [kLazyBody]: LazyBody | undefined;
  [kWhole]: Response | undefined;

  constructor(body?: BodyInit | null, init?: ResponseInit, json?: typeof kJson) {
    if (!keepable(body, init)) {
      this[kLazyBody] = undefined;
      this[kWhole] = new NativeResponse(body, init);
      return;
    }
    const text = typeof body === 'string' ? body : null;
    const stream = typeof body === 'object' && body !== null ? (body as ReadableStream<Uint8Array>) : undefined;
    const contentType = text === null ? undefined : json === kJson ? JSON_TYPE : TEXT_TYPE;
    let headers: Headers | undefined;
    let record: Record<string, string> | undefined;
    if (init?.headers !== undefined) {
      // A plain object Headers would take as written is kept as it is; anything else is validated now, as the platform does.
      record = plainHeaders(init.headers, contentType);
      if (record === undefined) {
        headers = new Headers(init.headers);
        if (contentType !== undefined && !headers.has('content-type')) headers.set('content-type', contentType);
      }
    }
    this[kLazyBody] = { text, stream, status: init?.status ?? 200, headers, record, contentType, real: undefined };
    this[kWhole] = undefined;
  }

  /** `Response.json(data, init)`, with the JSON kept as a string until read. */
  static json(data: unknown, init?: ResponseInit): Response {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError('Value is not JSON serializable');
    if (keepable(text, init)) return new this(text, init, kJson) as unknown as Response;
    const response = new this(null); // the platform's answer (or error) for an init the slot does not keep
    response[kWhole] = NativeResponse.json(data, init);
    response[kLazyBody] = undefined;
    return response as unknown as Response;
  }

  /** Any platform Response is one: `fetch()` results stay `instanceof Response` once this is the global. */
  static [Symbol.hasInstance](value: unknown): boolean {
    if (this === LightResponse) return value instanceof NativeResponse;
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }

  get status(): number {
    return this[kLazyBody]?.status ?? this[kWhole]!.status;
  }

  get ok(): boolean {
    const status = this.status;
    return status >= 200 && status <= 299;
  }

  get statusText(): string {
    return this[kLazyBody] === undefined ? this[kWhole]!.statusText : '';
  }

  get headers(): Headers {
    const lazy = this[kLazyBody];
    if (lazy === undefined) return this[kWhole]!.headers;
    if (lazy.headers === undefined) {
      if (lazy.record !== undefined) {
        lazy.headers = new Headers(lazy.record);
        lazy.record = undefined; // from now on the Headers (which code may change) are the truth
      } else {
        lazy.headers = new Headers();
        if (lazy.contentType !== undefined) lazy.headers.set('content-type', lazy.contentType);
      }
    }
    return lazy.headers;
  }

  get type(): ResponseType {
    return this[kLazyBody] === undefined ? this[kWhole]!.type : 'default';
  }

  get url(): string {
    return this[kLazyBody] === undefined ? this[kWhole]!.url : '';
  }

  get redirected(): boolean {
    return this[kLazyBody] === undefined ? this[kWhole]!.redirected : false;
  }

  get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    const lazy = this[kLazyBody];
    // A stream body is the platform's `body` as it is: the same object, until something else reads it.
    if (lazy?.stream !== undefined && lazy.real === undefined) return lazy.stream as ReadableStream<Uint8Array<ArrayBuffer>>;
    return platform(this).body;
  }

  get bodyUsed(): boolean {
    const lazy = this[kLazyBody];
    if (lazy === undefined) return this[kWhole]!.bodyUsed;
    if (lazy.real !== undefined) return lazy.real.bodyUsed;
    return lazy.stream !== undefined && isDisturbed(lazy.stream);
  }

  text(): Promise<string> {
    return usable(this)?.text() ?? unusable();
  }

  // biome-ignore lint/suspicious/noExplicitAny: the platform's own signature
  json(): Promise<any> {
    return usable(this)?.json() ?? unusable();
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return usable(this)?.arrayBuffer() ?? unusable();
  }

  bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return usable(this)?.bytes() ?? unusable();
  }

  blob(): Promise<Blob> {
    return usable(this)?.blob() ?? unusable();
  }

  formData(): Promise<FormData> {
    return usable(this)?.formData() ?? unusable();
  }

  /** As the platform's clone(): a Response with the same status, headers and body. */
  clone(): Response {
    const lazy = this[kLazyBody];
    if (lazy === undefined) return this[kWhole]!.clone();
    if (lazy.real === undefined && lazy.stream === undefined) return new NativeResponse(lazy.text, { status: lazy.status, headers: this.headers });
    const whole = usable(this);
    if (whole === undefined) throw new TypeError('Response.clone: Body has already been consumed.');
    return new NativeResponse(whole.clone().body, { status: lazy.status, headers: this.headers }); // the platform's error for a used body
  }
}

// Through the platform's prototype: `instanceof` the platform's Response, its statics (error,
// redirect) and its inspect output; every member a caller reads is LightResponse's own.
Object.setPrototypeOf(LightResponse.prototype, NativeResponse.prototype);
Object.setPrototypeOf(LightResponse, NativeResponse);

/** The platform Response that holds the body (made on the first read, with this response's status and headers). */
function platform(response: LightResponse): Response {
  const lazy = response[kLazyBody];
  if (lazy === undefined) return response[kWhole]!;
  return (lazy.real ??= new NativeResponse(lazy.stream ?? lazy.text, { status: lazy.status, headers: response.headers }));
}

/** platform(), or undefined when its stream body was read or locked elsewhere first (the platform then refuses to read it). */
function usable(response: LightResponse): Response | undefined {
  const lazy = response[kLazyBody];
  if (lazy?.stream !== undefined && lazy.real === undefined && (lazy.stream.locked || isDisturbed(lazy.stream))) return undefined;
  return platform(response);
}

/** The platform's rejection for reading a body that was read. */
function unusable(): Promise<never> {
  return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
}

/** The platform Response a LightResponse stands for when it keeps no slot (a stream body, say); any other value as it is. */
export function unwrapResponse<T>(response: T): T {
  return ((response as { [kWhole]?: T })[kWhole] ?? response) as T;
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
    if (current[kLight] !== true && current === NativeResponse) realm.Response = LightResponse as unknown as typeof Response;
  }
}
