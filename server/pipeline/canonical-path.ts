/**
 * @module canonicalPath: a request's pathname -> the path routes are matched on, and the URL Next
 * would redirect it to (basePath and trailingSlash applied). Pure.
 *   basePath '',      trailingSlash false: '/x/'   -> { path: '/x', canonical: '/x' }
 *   basePath '',      trailingSlash true:  '/x'    -> { path: '/x', canonical: '/x/' }
 *   basePath '',      trailingSlash true:  '/a.txt'-> { path: '/a.txt', canonical: '/a.txt' } (files keep no slash)
 *   basePath '/docs', trailingSlash false: '/docs/'-> { path: '/', canonical: '/docs' }
 *   basePath '/docs':                      '/x'    -> undefined (outside basePath)
 * Backslashes and repeated slashes come first, as Next's first redirect (normalizeRepeatedSlashes),
 * whatever basePath and trailingSlash say; the trailing slash is then the next request's:
 *   '//a//b'                                       -> { path: '/a/b', canonical: '/a/b' }
 *   '/a//b/'                                       -> { path: '/a/b', canonical: '/a/b/' }
 *   '/\evil.example/'                              -> { path: '/evil.example', canonical: '/evil.example/' }
 */
export interface CanonicalPath {
  /** Without basePath, repeated or trailing slashes: what routes and config sources match. */
  path: string;
  /** Where the URL should be (basePath included); the request is redirected when it differs. */
  canonical: string;
}

export function canonicalPath(pathname: string, basePath: string, trailingSlash: boolean): CanonicalPath | undefined {
  if (REPEATED.test(pathname)) {
    const clean = pathname.replace(/\\/g, '/').replace(/\/{2,}/g, '/');
    return { path: canonicalPath(clean, basePath, trailingSlash)?.path ?? clean, canonical: clean };
  }
  let rest = pathname;
  if (basePath !== '') {
    if (pathname !== basePath && !pathname.startsWith(`${basePath}/`)) return undefined;
    rest = pathname.slice(basePath.length);
  }
  let path = rest;
  if (path === '') path = '/';
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  let canonical: string;
  if (path === '/') canonical = basePath === '' ? '/' : trailingSlash ? `${basePath}/` : basePath;
  else canonical = basePath + path + (trailingSlash && !isFile(path) ? '/' : '');
  return { path, canonical };
}

/** A backslash, or two slashes in a row. */
const REPEATED = /\\|\/\//;

/** '/a/b.txt' -> true: Next's trailingSlash redirect leaves paths to files alone (not /.well-known/). */
function isFile(path: string): boolean {
  if (path.startsWith('/.well-known/') || path === '/.well-known') return false;
  return /\.\w+$/.test(path.slice(path.lastIndexOf('/') + 1));
}
