/**
 * @module canonicalPath: a request's pathname -> the path routes are matched on, and the URL Next
 * would redirect it to (basePath and trailingSlash applied). Pure.
 *   basePath '',      trailingSlash false: '/x/'   -> { path: '/x', canonical: '/x' }
 *   basePath '',      trailingSlash true:  '/x'    -> { path: '/x', canonical: '/x/' }
 *   basePath '',      trailingSlash true:  '/a.txt'-> { path: '/a.txt', canonical: '/a.txt' } (files keep no slash)
 *   basePath '/docs', trailingSlash false: '/docs/'-> { path: '/', canonical: '/docs' }
 *   basePath '/docs':                      '/x'    -> undefined (outside basePath)
 *   '//a//b'                                       -> { path: '/a/b', canonical: '/a/b' }
 */
export interface CanonicalPath {
  /** Without basePath, repeated or trailing slashes: what routes and config sources match. */
  path: string;
  /** Where the URL should be (basePath included); the request is redirected when it differs. */
  canonical: string;
}

export function canonicalPath(pathname: string, basePath: string, trailingSlash: boolean): CanonicalPath | undefined {
  let rest = pathname;
  if (basePath !== '') {
    if (pathname !== basePath && !pathname.startsWith(`${basePath}/`)) return undefined;
    rest = pathname.slice(basePath.length);
  }
  let path = rest.replace(/\/{2,}/g, '/');
  if (path === '') path = '/';
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  let canonical: string;
  if (path === '/') canonical = basePath === '' ? '/' : trailingSlash ? `${basePath}/` : basePath;
  else canonical = basePath + path + (trailingSlash && !isFile(path) ? '/' : '');
  return { path, canonical };
}

/** '/a/b.txt' -> true: Next's trailingSlash redirect leaves paths to files alone (not /.well-known/). */
function isFile(path: string): boolean {
  if (path.startsWith('/.well-known/') || path === '/.well-known') return false;
  return /\.\w+$/.test(path.slice(path.lastIndexOf('/') + 1));
}
