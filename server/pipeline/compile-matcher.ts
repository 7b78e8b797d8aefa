/**
 * @module compileMatcher: proxy.ts's `config.matcher` -> which paths the proxy runs for.
 *   undefined                                   -> every path
 *   '/api/:path*'                               -> /api, /api/a/b
 *   ['/a', '/b/:id']                            -> either
 *   '/((?!_next|favicon.ico).*)'                -> every path but those (regex groups)
 *   { source: '/x', has: [...], missing: [...] } -> /x when the conditions hold
 * Case-sensitive, as Next's compiled matchers. A bad matcher throws, naming the file.
 */
import { NextpressError } from '../errors';
import { compileSource, type PathMatcher } from './compile-source';
import { matchHas, valueRegExp, type HasInput, type RouteHas } from './match-has';

export type ProxyMatcher = (pathname: string, input: HasInput) => boolean;

interface CompiledEntry {
  match: PathMatcher;
  has: RouteHas[] | undefined;
  missing: RouteHas[] | undefined;
}

export function compileMatcher(matcher: unknown, file: string): ProxyMatcher | undefined {
  if (matcher === undefined) return undefined;
  const fail = (problem: string): never => {
    throw new NextpressError(
      `Invalid \`config.matcher\` in ${file}: ${problem}. A matcher is a path ('/api/:path*'), an array of them, or { source, has, missing }; see https://nextjs.org/docs/app/api-reference/file-conventions/proxy#matcher`,
      { code: 'PROXY_INVALID' },
    );
  };
  const items = Array.isArray(matcher) ? matcher : [matcher];
  const entries: CompiledEntry[] = items.map((item: unknown) => {
    const source = typeof item === 'string' ? item : typeof item === 'object' && item !== null ? (item as { source?: unknown }).source : undefined;
    if (typeof source !== 'string') return fail(`expected a string or { source }, got ${JSON.stringify(item)}`);
    if (!source.startsWith('/')) return fail(`"${source}" must start with /`);
    let match: PathMatcher;
    try {
      match = compileSource(source, { sensitive: true, loose: true });
    } catch (error) {
      return fail(`"${source}" is not a valid pattern (${(error as Error).message})`);
    }
    const object = typeof item === 'object' ? (item as { has?: RouteHas[]; missing?: RouteHas[] }) : {};
    for (const condition of [...(object.has ?? []), ...(object.missing ?? [])]) {
      if (condition.value === undefined) continue;
      try {
        valueRegExp(condition);
      } catch (error) {
        return fail(`the \`value\` of a condition of "${source}" is not a valid regular expression (${(error as Error).message})`);
      }
    }
    return { match, has: object.has, missing: object.missing };
  });
  return (pathname, input) =>
    entries.some(
      (entry) =>
        entry.match(pathname) !== undefined &&
        (entry.has === undefined && entry.missing === undefined ? true : matchHas(input, entry.has, entry.missing) !== undefined),
    );
}
