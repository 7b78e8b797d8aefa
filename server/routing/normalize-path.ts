/**
 * @module normalizePath: a request target -> where Next would 308-redirect it, if anywhere.
 */

/**
 * Returns the normalised target when the path has a trailing slash or repeated slashes (Next's
 * default `trailingSlash: false` redirect), keeping the query string as it is; undefined when the
 * path is already normal. One pass over the path's characters; nothing is allocated for a normal path.
 *
 *   '/'              -> undefined
 *   '/users?page=2'  -> undefined
 *   '/users/'        -> '/users'
 *   '/users/?page=2' -> '/users?page=2'
 *   '//users'        -> '/users'
 *   '/a//b///'       -> '/a/b'
 *   '//?x=1'         -> '/?x=1'
 *   '/a?next=/b//'   -> undefined   (the query is not the path)
 *   '*'              -> undefined   (not a path)
 */
export function normalizePath(url: string): string | undefined {
  if (url.charCodeAt(0) !== 47 /* / */) return undefined; // '*' or an absolute URL: not a path
  let end = url.indexOf('?');
  if (end === -1) end = url.length;
  let previousSlash = false;
  let normal = true;
  for (let i = 0; i < end; i++) {
    const isSlash = url.charCodeAt(i) === 47; /* / */
    if (isSlash && previousSlash) {
      normal = false;
      break;
    }
    previousSlash = isSlash;
  }
  if (normal && !(previousSlash && end > 1)) return undefined;

  let path = url.slice(0, end).replace(/\/{2,}/g, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path + url.slice(end);
}
