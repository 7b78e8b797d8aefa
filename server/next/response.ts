/**
 * @module NextResponse: a real Fetch `Response` plus `cookies`, and Next's static helpers
 * (`json`, `redirect`, and the proxy-only `next`/`rewrite`, which a route handler may not return).
 */
import { ResponseCookies } from '@edge-runtime/cookies';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Statuses the Response constructor refuses a body for. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
const kCookies = Symbol('nextpress.responseCookies');

/**
 * A string body held as the string until something reads it. Registered with Symbol.for because
 * the writer (server/adapter) and a route file's `next/server` may be two copies of this module.
 */
export const kLazyBody: unique symbol = Symbol.for('nextpress.lazyBody') as never;
export interface LazyBody {
  text: string;
  /** The platform Response made on first read of the body; the body's state lives there from then on. */
  real: Response | undefined;
}

/** Headers Next uses to mark `NextResponse.next()` and `NextResponse.rewrite()` (proxy only). */
export const NEXT_HEADER = 'x-middleware-next';
export const REWRITE_HEADER = 'x-middleware-rewrite';
/** `NextResponse.next({ request: { headers } })`: the names of the request's new headers, and one header per value. */
export const OVERRIDE_HEADERS = 'x-middleware-override-headers';
export const REQUEST_HEADER_PREFIX = 'x-middleware-request-';

/** The init of next()/rewrite() in a proxy: a ResponseInit, plus the request headers the route should see. */
export interface MiddlewareResponseInit extends ResponseInit {
  request?: { headers?: Headers };
}

/**
 * `{ request: { headers: new Headers({ a: '1' }) } }` -> sets `x-middleware-override-headers: a` and
 * `x-middleware-request-a: 1` on the response headers, as Next encodes them.
 */
function encodeRequestHeaders(init: MiddlewareResponseInit | undefined, headers: Headers): void {
  const override = init?.request?.headers;
  if (override === undefined) return;
  if (!(override instanceof Headers)) throw new Error('request.headers must be an instance of Headers');
  const names: string[] = [];
  for (const [name, value] of override) {
    headers.set(REQUEST_HEADER_PREFIX + name, value);
    names.push(name);
  }
  headers.set(OVERRIDE_HEADERS, names.join(','));
}

/** A ResponseInit without the proxy-only `request` field. */
function responseInit(init: MiddlewareResponseInit | undefined, headers: Headers): ResponseInit {
  const { request: _request, ...rest } = init ?? {};
  return { ...rest, headers };
}

/**
 * `'https://a.test/x'` -> `'https://a.test/x'`; `'/x'` -> throws Next's "URL is malformed" error
 * (redirects and rewrites need absolute URLs, as in Next).
 */
function validateUrl(url: string | URL): string {
  try {
    return String(new URL(String(url)));
  } catch (error) {
    throw new Error(
      `URL is malformed "${String(url)}". Please use only absolute URLs - https://nextjs.org/docs/messages/middleware-relative-urls`,
      { cause: error },
    );
  }
}

/** The init of `NextResponse.json(body)` without one of its own. */
const JSON_INIT: ResponseInit = { headers: { 'content-type': 'application/json' } };

/**
 * A real Fetch Response (`instanceof Response`), with one difference inside: a string body (as from
 * `NextResponse.json`) is kept as the string, not turned into a body stream at once. The writer
 * sends the string as it is; reading the body (`body`, `text()`, `json()`, ...) first makes the
 * platform Response that holds it, so every read behaves exactly as the platform's.
 *   new NextResponse('hi')                 -> status 200, content-type text/plain;charset=UTF-8, body 'hi'
 *   new NextResponse('hi', { status: 204 }) -> TypeError "Response constructor: Invalid response status code 204"
 */
export class NextResponse<Body = unknown> extends Response {
  [kCookies]: ResponseCookies | undefined;
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
    this[kCookies] = undefined;
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

  /** As the platform's clone(): a plain Response with the same status, headers and body. */
  override clone(): Response {
    const lazy = this[kLazyBody];
    if (lazy === undefined) return super.clone();
    if (lazy.real !== undefined) {
      const copy = lazy.real.clone(); // throws the platform's error for a used body
      return new Response(copy.body, { status: this.status, statusText: this.statusText, headers: this.headers });
    }
    return new Response(lazy.text, { status: this.status, statusText: this.statusText, headers: this.headers });
  }

  /** Cookies to send with this response; each `set`/`delete` adds a `Set-Cookie` header. */
  get cookies(): ResponseCookies {
    return (this[kCookies] ??= new ResponseCookies(this.headers));
  }

  /** `NextResponse.json({ a: 1 }, { status: 201 })`: a JSON body with `content-type: application/json`. */
  static json<JsonBody>(body: JsonBody, init?: ResponseInit): NextResponse<JsonBody> {
    const text = JSON.stringify(body);
    if (text === undefined) throw new TypeError('Value is not JSON serializable');
    // Fast path: no init (the usual call) needs no Headers object built and copied.
    if (init === undefined) return new NextResponse<JsonBody>(text, JSON_INIT);
    const headers = new Headers(init?.headers);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return new NextResponse<JsonBody>(text, { status: init?.status, statusText: init?.statusText, headers });
  }

  /** `NextResponse.redirect(url, 308)`; the status defaults to 307, as in Next. */
  static redirect(url: string | URL, init?: number | ResponseInit): NextResponse {
    const status = typeof init === 'number' ? init : (init?.status ?? 307);
    if (!REDIRECT_STATUSES.has(status)) {
      throw new RangeError('Failed to execute "redirect" on "response": Invalid status code');
    }
    const headers = new Headers(typeof init === 'object' ? init.headers : undefined);
    headers.set('location', validateUrl(url));
    return new NextResponse(null, { ...(typeof init === 'object' ? init : {}), status, headers });
  }

  /** Proxy-only in Next: returned from a route handler it answers 500 (see the adapter). */
  static rewrite(destination: string | URL, init?: MiddlewareResponseInit): NextResponse {
    const headers = new Headers(init?.headers);
    headers.set(REWRITE_HEADER, validateUrl(destination));
    encodeRequestHeaders(init, headers);
    return new NextResponse(null, responseInit(init, headers));
  }

  /** Proxy-only in Next: returned from a route handler it answers 500 (see the adapter). */
  static next(init?: MiddlewareResponseInit): NextResponse {
    const headers = new Headers(init?.headers);
    headers.set(NEXT_HEADER, '1');
    encodeRequestHeaders(init, headers);
    return new NextResponse(null, responseInit(init, headers));
  }
}

/** The platform Response holding a lazy body, made on first read (with this response's headers, for the MIME type). */
function realBody(response: NextResponse): Response {
  const lazy = response[kLazyBody]!;
  return (lazy.real ??= new Response(lazy.text, { headers: response.headers }));
}
