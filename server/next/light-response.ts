/**
 * @module LightResponse: the platform `Response`, built only when something needs it. A response
 * with a string body (or none) and a plain init keeps its parts (status, headers, the string) in a
 * slot, and the platform Response that holds the body is made on the first read of the body
 * (`body`, `text()`, `json()`, `clone()`, ...), so every read behaves exactly as the platform's. The
 * writer (server/adapter/write-response.ts) sends such a response from its slot: one writeHead + end,
 * no platform object at all. Any other body (a stream, bytes, a Blob, FormData) or an unusual init
 * (a statusText, a status outside 200-599, a body on a 204) is handed to the platform at once, which
 * answers or throws exactly as it would. `NextResponse` is built on it, and nextpress installs it as
 * the global `Response` (installLightResponse), so route files written the common way
 * (`new Response('hi')`, `Response.json(data)`) cost what `NextResponse` costs. As @hono/node-server
 * does, its prototype chain runs through the platform's, so `instanceof Response` holds.
 *
 *   new LightResponse('hi')                  -> status 200, content-type text/plain;charset=UTF-8, body 'hi' (in the slot)
 *   LightResponse.json({ a: 1 })             -> content-type application/json, body '{"a":1}' (in the slot)
 *   new LightResponse(null, { status: 204 }) -> status 204, no body (in the slot)
 *   new LightResponse(stream | bytes)        -> the platform's Response, wrapped
 *   new LightResponse('x', { status: 204 })  -> TypeError "Response constructor: Invalid response status code 204" (the platform's)
 *   nativeResponse instanceof LightResponse  -> true (so `instanceof Response` holds for fetch() results once installed)
 */
import { NATIVE_RESPONSE, LAZY_BODY, LIGHT_RESPONSE, WHOLE_RESPONSE } from '../shared/shared-state';

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
  /** The body as given: a string, or null for none. */
  text: string | null;
  status: number;
  /** The headers, once made (given in the init, or read); undefined: none but `contentType`. */
  headers: Headers | undefined;
  /** The content-type a string body gets when its headers name none; undefined without a body. */
  contentType: string | undefined;
  /** The platform Response made on the first read of the body; its body state is the truth from then on. */
  real: Response | undefined;
}

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
  if (typeof body !== 'string' && body !== null && body !== undefined) return false;
  if (init === undefined) return true;
  if (typeof init !== 'object' || init === null) return false;
  const { status, statusText } = init;
  if (statusText !== undefined && statusText !== '') return false;
  if (status === undefined) return true;
  return Number.isInteger(status) && status >= 200 && status <= 599 && !(typeof body === 'string' && NULL_BODY_STATUSES.has(status));
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
    const contentType = text === null ? undefined : json === kJson ? JSON_TYPE : TEXT_TYPE;
    let headers: Headers | undefined;
    if (init?.headers !== undefined) {
      headers = new Headers(init.headers); // validated now, as the platform does
      if (contentType !== undefined && !headers.has('content-type')) headers.set('content-type', contentType);
    }
    this[kLazyBody] = { text, status: init?.status ?? 200, headers, contentType, real: undefined };
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
      lazy.headers = new Headers();
      if (lazy.contentType !== undefined) lazy.headers.set('content-type', lazy.contentType);
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
    return platform(this).body;
  }

  get bodyUsed(): boolean {
    const lazy = this[kLazyBody];
    return lazy === undefined ? this[kWhole]!.bodyUsed : (lazy.real?.bodyUsed ?? false);
  }

  text(): Promise<string> {
    return platform(this).text();
  }

  // biome-ignore lint/suspicious/noExplicitAny: the platform's own signature
  json(): Promise<any> {
    return platform(this).json();
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return platform(this).arrayBuffer();
  }

  bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return platform(this).bytes();
  }

  blob(): Promise<Blob> {
    return platform(this).blob();
  }

  formData(): Promise<FormData> {
    return platform(this).formData();
  }

  /** As the platform's clone(): a Response with the same status, headers and body. */
  clone(): Response {
    const lazy = this[kLazyBody];
    if (lazy === undefined) return this[kWhole]!.clone();
    const copy = lazy.real === undefined ? lazy.text : lazy.real.clone().body; // the platform's error for a used body
    return new NativeResponse(copy, { status: lazy.status, headers: this.headers });
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
  return (lazy.real ??= new NativeResponse(lazy.text, { status: lazy.status, headers: response.headers }));
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
