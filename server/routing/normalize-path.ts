/**
 * @module normalizePath: a request target -> where Next would 308-redirect it, if anywhere.
 */

/**
 * Returns the target Next redirects to, in its order; undefined when the path is already normal.
 * One pass over the path's characters; nothing is allocated for a normal path.
 *   1. backslashes or repeated slashes (Next's normalizeRepeatedSlashes): each `\` becomes `/`,
 *      runs of `/` become one; a trailing slash stays (the next request loses it);
 *   2. otherwise a trailing slash (the default `trailingSlash: false` redirect).
 * The query is kept as it is, except an empty one (`?` alone), which Next drops.
 *
 *   '/'                  -> undefined
 *   '/users?page=2'      -> undefined
 *   '/users/'            -> '/users'
 *   '/users/?page=2'     -> '/users?page=2'
 *   '//users'            -> '/users'
 *   '/a//b///'           -> '/a/b/'         (then '/a/b')
 *   '/\evil.example/'    -> '/evil.example/' (never '/\evil.example': browsers read that as //evil.example)
 *   '/api\echo'          -> '/api/echo'
 *   '//?x=1'             -> '/?x=1'
 *   '/a//b?', '/a/b/?'   -> '/a/b'
 *   '/a?next=/b//'       -> undefined       (the query is not the path)
 *   '*'                  -> undefined       (not a path)
 */
export function normalizePath(url: string): string | undefined {
  if (url.charCodeAt(0) !== 47 /* / */) return undefined; // '*' or an absolute URL: not a path
  let end = url.indexOf('?');
  if (end === -1) end = url.length;
  let previousSlash = false;
  let repeated = false;
  for (let i = 0; i < end; i++) {
    const code = url.charCodeAt(i);
    if (code === 92 /* \ */ || (code === 47 /* / */ && previousSlash)) {
      repeated = true;
      break;
    }
    previousSlash = code === 47;
  }
  let path: string;
  if (repeated)
    path = url
      .slice(0, end)
      .replace(/\\/g, '/')
      .replace(/\/{2,}/g, '/');
  else if (previousSlash && end > 1) path = url.slice(0, end - 1);
  else return undefined;
  return end + 1 >= url.length ? path : path + url.slice(end); // a bare `?` is dropped
}

/**
 * Where a target ends after every redirect normalizePath leads to (at most two):
 *   '/a//b/?q=1' -> '/a/b?q=1'      '/users' -> '/users'
 */
export function servedPath(url: string): string {
  let current = url;
  for (let next = normalizePath(current); next !== undefined; next = normalizePath(current)) current = next;
  return current;
}
