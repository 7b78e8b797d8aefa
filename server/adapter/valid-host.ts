/**
 * @module isValidHost: whether a Host (or trusted X-Forwarded-Host) value can be the authority of
 * the request's URL. Route code reads `request.url`, `nextUrl` and the auth session, all of which
 * parse it; a value the URL parser refuses must answer 400 before any of them runs, not 500 inside.
 * The URL parser itself decides (no hand-written grammar); the last good value is remembered, so
 * the usual case (every request naming the same host) is one string comparison.
 *
 *   'localhost:3000' | 'example.com' | '127.0.0.1' | '[::1]:8080' -> true
 *   'a b' | '[' | 'x/y' | 'a@b' | 'x:99999' | '1.2.3.999'        -> false
 */

let lastGood = 'localhost';

export function isValidHost(host: string): boolean {
  if (host === lastGood) return true;
  if (host === '' || host.includes('/') || host.includes('@') || host.includes('?') || host.includes('#') || host.includes('\\')) return false;
  if (!URL.canParse(`http://${host}/`)) return false;
  lastGood = host;
  return true;
}
