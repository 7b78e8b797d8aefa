/**
 * @module buildDestination: a rewrite's or redirect's `destination` plus the matched params and
 * the request's query -> the URL to go to. Next's rules (prepare-destination):
 *   1. `:name` in the path is filled by path-to-regexp's compile (`:path*` joins with '/');
 *      `:name` in the host and in query values is replaced by the param's value;
 *   2. the query is the request's, then the destination's own on top;
 *   3. rewrites only: when the destination uses no param in its path or host, every param is
 *      added to the query (unless the destination's query has that key already).
 *   '/news/:slug', { slug: 'a' }, ?x=1                 -> '/news/a?x=1'
 *   '/api/:path*', { path: ['a', 'b'] }                -> '/api/a/b'
 *   '/search?q=:term', { term: 'cats' }                -> '/search?q=cats'
 *   '/list' (rewrite), { page: '2' }                   -> '/list?page=2'
 *   'https://:sub.example.com/x', { sub: 'eu' }        -> external 'https://eu.example.com/x'
 */
import { compile } from 'path-to-regexp';
import { paramNames, type Params } from './compile-source';

export interface DestinationInput {
  destination: string;
  params: Params;
  /** The request's query, in order. */
  query: Array<[string, string]>;
  /** True for rewrites (params the destination does not use go to the query), false for redirects. */
  appendParamsToQuery: boolean;
}

export interface Destination {
  /** `https://host` for an external destination; undefined for a path of this server. */
  origin: string | undefined;
  pathname: string;
  /** `?a=1&b=2`, or ''. */
  search: string;
  /** `#x`, or ''. */
  hash: string;
}

const SHAPE = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)?([^?#]*)(?:\?([^#]*))?(#.*)?$/i;

export function buildDestination(input: DestinationInput): Destination {
  const { params } = input;
  const [, rawOrigin, rawPath = '', rawQuery, rawHash = ''] = SHAPE.exec(input.destination) ?? [];
  const origin = rawOrigin === undefined ? undefined : interpolate(rawOrigin, params);
  const path = rawPath === '' ? '/' : rawPath;
  let pathname: string;
  try {
    pathname = compile(path, { validate: false })(params);
  } catch (error) {
    if (/to not repeat, but got an array/.test((error as Error).message)) {
      throw new Error(
        'To use a multi-match in the destination you must add `*` at the end of the param name to signify it should repeat. https://nextjs.org/docs/messages/invalid-multi-match',
        { cause: error },
      );
    }
    throw error;
  }

  // 2. the request's query, overridden key by key by the destination's
  const own = new Map<string, string[]>();
  for (const pair of (rawQuery ?? '').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = interpolate(decode(eq === -1 ? '' : pair.slice(eq + 1)), params);
    own.set(key, [...(own.get(key) ?? []), value]);
  }
  // 3. rewrites: unused params go to the query
  if (input.appendParamsToQuery) {
    const used = [...paramNames(path), ...[...(rawOrigin ?? '').matchAll(/:([A-Za-z0-9_]+)/g)].map((found) => found[1])];
    if (!Object.keys(params).some((name) => used.includes(name))) {
      for (const [name, value] of Object.entries(params)) if (!own.has(name)) own.set(name, Array.isArray(value) ? value : [value]);
    }
  }
  const merged = new Map<string, string[]>();
  for (const [key, value] of input.query) if (!own.has(key)) merged.set(key, [...(merged.get(key) ?? []), value]);
  for (const [key, values] of own) merged.set(key, values);
  const pairs: string[] = [];
  for (const [key, values] of merged) for (const value of values) pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  return { origin, pathname, search: pairs.length === 0 ? '' : `?${pairs.join('&')}`, hash: interpolate(rawHash, params) };
}

/** The whole URL: origin + path + query + hash. */
export function formatDestination(destination: Destination, prefix = ''): string {
  return `${destination.origin ?? ''}${destination.origin === undefined ? prefix : ''}${destination.pathname}${destination.search}${destination.hash}`;
}

/** `:name` (also `:name*`, `:name+`, `:name?`) -> the param's value, for params that exist; arrays join with '/'. */
export function interpolate(value: string, params: Params): string {
  if (!value.includes(':')) return value;
  return value.replace(/:([A-Za-z0-9_]+)([*+?])?/g, (whole, name: string) => {
    const param = params[name];
    if (param === undefined) return whole;
    return Array.isArray(param) ? param.join('/') : param;
  });
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
