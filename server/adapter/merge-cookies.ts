/**
 * @module mergeCookies: the Set-Cookie list a response goes out with: cookies set earlier by
 * middleware (on `res`), then the Response's own, then next/headers cookies. As in Next, a
 * next/headers cookie is only a fallback: when the Response sets a cookie of the same name itself,
 * the Response's wins and the other is not sent.
 *
 *   earlier ['s=1'], own ['a=1'], extra ['a=2', 'b=2'] -> ['s=1', 'a=1', 'b=2']
 *   earlier none,    own none,    extra none          -> undefined (no header)
 */
import type { ServerResponse } from 'node:http';

export function mergeCookies(res: ServerResponse, own: string[] | null, extra: string[] | undefined): string[] | undefined {
  let cookies: string[] | undefined = own !== null && own.length > 0 ? own : undefined;
  if (extra !== undefined && extra.length > 0) cookies = cookies === undefined ? extra : [...cookies, ...withoutNamesOf(extra, cookies)];
  if (cookies === undefined) return undefined;
  const earlier = res.getHeader('set-cookie');
  if (earlier !== undefined) cookies = [...(Array.isArray(earlier) ? earlier : [String(earlier)]), ...cookies];
  return cookies;
}

/** `['a=1', 'b=2']` minus the names in `['b=3; Path=/']` -> `['a=1']`. */
function withoutNamesOf(cookies: string[], taken: string[]): string[] {
  const names = new Set(taken.map(cookieName));
  return cookies.filter((cookie) => !names.has(cookieName(cookie)));
}

function cookieName(setCookie: string): string {
  const end = setCookie.indexOf('=');
  return (end === -1 ? setCookie : setCookie.slice(0, end)).trim();
}
