/**
 * @module NextResponse: a real Fetch `Response` plus `cookies`, and Next's static helpers
 * (`json`, `redirect`, and the proxy-only `next`/`rewrite`, which a route handler may not return).
 */
import { ResponseCookies } from '@edge-runtime/cookies';
import { LightResponse } from './light-response';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const kCookies = Symbol('nextpress.responseCookies');

export { kLazyBody, type LazyBody } from './light-response';

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
    throw new Error(`URL is malformed "${String(url)}". Please use only absolute URLs - https://nextjs.org/docs/messages/middleware-relative-urls`, {
      cause: error,
    });
  }
}

/**
 * A real Fetch Response (`instanceof Response`) with `cookies`; a string body (as from
 * `NextResponse.json`) is kept as the string until read (see light-response.ts).
 *   new NextResponse('hi')                 -> status 200, content-type text/plain;charset=UTF-8, body 'hi'
 *   new NextResponse('hi', { status: 204 }) -> TypeError "Response constructor: Invalid response status code 204"
 */
// biome-ignore lint/correctness/noUnusedVariables: Next's public type parameter (NextResponse<Body>)
export class NextResponse<Body = unknown> extends LightResponse {
  [kCookies]: ResponseCookies | undefined = undefined;

  /** Cookies to send with this response; each `set`/`delete` adds a `Set-Cookie` header. */
  get cookies(): ResponseCookies {
    return (this[kCookies] ??= new ResponseCookies(this.headers));
  }

  /** `NextResponse.json({ a: 1 }, { status: 201 })`: a JSON body with `content-type: application/json`. */
  static override json<JsonBody>(body: JsonBody, init?: ResponseInit): NextResponse<JsonBody> {
    return super.json(body, init) as NextResponse<JsonBody>;
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
