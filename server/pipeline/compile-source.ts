/**
 * @module compileSource: a `source` in Next's path-to-regexp (v6) syntax -> a matcher giving the
 * named params of a pathname, or undefined. As Next's custom routes: case-insensitive, strict
 * about a trailing slash, unnamed groups dropped from the params.
 *   '/blog/:slug'         , '/blog/hello'      -> { slug: 'hello' }
 *   '/docs/:path*'        , '/docs/a/b'        -> { path: ['a', 'b'] }
 *   '/docs/:path*'        , '/docs'            -> {}
 *   '/docs/:path+'        , '/docs'            -> undefined
 *   '/post/:id(\\d+)'     , '/post/abc'        -> undefined
 *   '/old/(.*)'           , '/old/x'           -> {}
 * A source that is not a valid pattern throws path-to-regexp's error (the caller names the file).
 */
import { pathToRegexp, regexpToFunction, type Key } from 'path-to-regexp';

export type Params = Record<string, string | string[]>;
export type PathMatcher = (pathname: string) => Params | undefined;

export interface CompileOptions {
  /** Case-sensitive match (proxy matchers); default false, as for next.config routes. */
  sensitive?: boolean;
  /** Also accept one trailing slash; default false (strict, as Next). */
  loose?: boolean;
}

export function compileSource(source: string, options: CompileOptions = {}): PathMatcher {
  const keys: Key[] = [];
  const regexp = pathToRegexp(source, keys, { delimiter: '/', sensitive: options.sensitive ?? false, strict: !options.loose });
  const match = regexpToFunction<Params>(regexp, keys);
  const unnamed = keys.filter((key) => typeof key.name === 'number').map((key) => String(key.name));
  return (pathname) => {
    const found = match(pathname);
    if (found === false) return undefined;
    const params: Params = { ...found.params };
    for (const name of unnamed) delete params[name];
    return params;
  };
}

/** The named params a pattern declares: '/a/:x/:y*' -> ['x', 'y']. */
export function paramNames(pattern: string): string[] {
  const keys: Key[] = [];
  pathToRegexp(pattern, keys);
  return keys.filter((key) => typeof key.name === 'string').map((key) => String(key.name));
}
