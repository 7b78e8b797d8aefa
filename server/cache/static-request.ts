/**
 * @module The request a handler sees while its response is made for the cache, as in Next's
 * route module (its `forceStaticRequestHandlers`, `proxyNextRequest`, `requireStaticRequestHandlers`):
 *
 *   forceStaticRequest  (dynamic = 'force-static')  headers and cookies empty, query gone,
 *                       url 'http://localhost:3000/path' (no client's Host in request.url; as in
 *                       Next, nextUrl.host, .hostname and .origin still read the client's)
 *   trackingRequest     (dynamic = 'auto')          unchanged, but reading headers, cookies, url,
 *                       body, nextUrl.search/searchParams/href/origin marks the request dynamic
 *   requireStaticRequest (dynamic = 'error')        reading any of those throws Next's error
 *
 * Each is a Proxy over the real request (so `instanceof NextRequest` holds and the body stays
 * readable where Next allows it); getters and methods run against the real object.
 */
import { RequestCookies } from '@edge-runtime/cookies';
import type { NextURL, NextRequest } from '../next/request';
import { ReadonlyHeaders } from '../next/readonly-headers';

/** Next's StaticGenBailoutError: request data used where `dynamic = 'error'` forbids it. */
export class StaticGenBailoutError extends Error {
  readonly code = 'NEXT_STATIC_GEN_BAILOUT';
  constructor(message: string) {
    super(message);
    this.name = 'StaticGenBailoutError';
  }
}

const REQUEST_DATA = new Set<PropertyKey>(['headers', 'cookies', 'url', 'body', 'blob', 'json', 'text', 'arrayBuffer', 'formData', 'bytes']);
const URL_DATA = new Set<PropertyKey>(['search', 'searchParams', 'url', 'href', 'toJSON', 'toString', 'origin']);

/** `http://a.test:8080/x?y=1#z` -> `http://localhost:3000/x` (Next's cleanURL). */
export function cleanUrl(href: string): string {
  const url = new URL(href);
  return `http://localhost:3000${url.pathname}`;
}

/** Reads `prop` with the real object as `this` (private fields); methods come back bound to it. */
function read(target: object, prop: PropertyKey): unknown {
  const value = Reflect.get(target, prop, target);
  return typeof value === 'function' ? value.bind(target) : value;
}

export function forceStaticRequest(request: NextRequest): NextRequest {
  let headers: Headers | undefined;
  let cookies: RequestCookies | undefined;
  let nextUrl: NextURL | undefined;
  const proxy: NextRequest = new Proxy(request, {
    get(target, prop) {
      switch (prop) {
        case 'headers':
          return (headers ??= new ReadonlyHeaders());
        case 'cookies':
          return (cookies ??= new RequestCookies(new Headers()));
        case 'nextUrl':
          return (nextUrl ??= forceStaticUrl(target.nextUrl));
        case 'url':
          return proxy.nextUrl.href;
        case 'clone':
          return () => forceStaticRequest(target.clone() as NextRequest);
        default:
          return read(target, prop);
      }
    },
  });
  return proxy;
}

function forceStaticUrl(url: NextURL): NextURL {
  const href = cleanUrl(url.href);
  let searchParams: URLSearchParams | undefined;
  return new Proxy(url, {
    get(target, prop) {
      switch (prop) {
        case 'search':
          return '';
        case 'searchParams':
          return (searchParams ??= new URLSearchParams());
        case 'href':
          return href;
        case 'toString':
        case 'toJSON':
          return () => href;
        case 'url':
          return undefined;
        case 'clone':
          return () => forceStaticUrl(target.clone());
        default:
          return read(target, prop);
      }
    },
  });
}

/** `onDynamic('request.headers')` on the first read of request-time data (it may be called again). */
export function trackingRequest(request: NextRequest, onDynamic: (expression: string) => void): NextRequest {
  let nextUrl: NextURL | undefined;
  return new Proxy(request, {
    get(target, prop) {
      if (prop === 'nextUrl') return (nextUrl ??= watchedUrl(target.nextUrl, (name) => onDynamic(`nextUrl.${name}`)));
      if (prop === 'clone') return () => trackingRequest(target.clone() as NextRequest, onDynamic);
      if (REQUEST_DATA.has(prop)) onDynamic(`request.${String(prop)}`);
      return read(target, prop);
    },
  });
}

/** Throws Next's StaticGenBailoutError on the first read of request-time data. */
export function requireStaticRequest(request: NextRequest, route: string): NextRequest {
  const fail = (expression: string): never => {
    throw new StaticGenBailoutError(`Route ${route} with \`dynamic = "error"\` couldn't be rendered statically because it used \`${expression}\`.`);
  };
  return trackingRequest(request, fail);
}

function watchedUrl(url: NextURL, onRead: (name: string) => void): NextURL {
  return new Proxy(url, {
    get(target, prop) {
      if (prop === 'clone') return () => watchedUrl(target.clone(), onRead);
      if (URL_DATA.has(prop)) onRead(String(prop));
      return read(target, prop);
    },
  });
}
