/**
 * @module createProtectedMatcher: PROTECTED_PATHS patterns → a test on a matched route's pattern.
 * The guard asks it about the route the dispatcher resolved (never about the raw URL), so every
 * spelling of a URL that reaches a route is judged by that route's one pattern.
 *
 * Segments compare exactly (case-sensitive, as routes are). `*` is any one segment, `**` any number
 * of segments (none included). Dynamic segments are written as the folder names them:
 *
 *   /api/session          protects  /api/session                     not /api/session/[id]
 *   /api/admin/**         protects  /api/admin, /api/admin/users/[id], /api/admin/[...rest]
 *   /api/*                protects  /api/session, /api/[id]           not /api, /api/a/b
 *   /api/users/[id]       protects  /api/users/[id]                   not /api/users/[userId]
 *   /api/users/42         protects  nothing: no route's pattern is /api/users/42 (a warning says so)
 *   /**                   protects  every route, `/` included
 */

export type ProtectedMatcher = (routePattern: string) => boolean;

/** '/api//admin/' → ['api', 'admin']; '/' → []. */
function segmentsOf(pattern: string): string[] {
  return pattern.split('/').filter((segment) => segment !== '');
}

/** Segments with each run of `**` folded into one (`/**` + `/**` means the same as `/**`). */
function compile(pattern: string): string[] {
  return segmentsOf(pattern).filter((part, i, parts) => !(part === '**' && parts[i - 1] === '**'));
}

/** Glob match over segments; `seen` remembers dead ends, so the cost is patterns × segments at most. */
function matches(pattern: string[], route: string[]): boolean {
  const seen = new Set<number>();
  const from = (i: number, j: number): boolean => {
    if (i === pattern.length) return j === route.length;
    const key = i * (route.length + 1) + j;
    if (seen.has(key)) return false;
    seen.add(key);
    const part = pattern[i];
    if (part === '**') return from(i + 1, j) || (j < route.length && from(i, j + 1));
    return j < route.length && (part === '*' || part === route[j]) && from(i + 1, j + 1);
  };
  return from(0, 0);
}

export function createProtectedMatcher(patterns: readonly string[]): ProtectedMatcher {
  const compiled = patterns.map(compile);
  if (compiled.length === 0) return () => false;
  return (routePattern) => {
    const route = segmentsOf(routePattern);
    return compiled.some((pattern) => matches(pattern, route));
  };
}
