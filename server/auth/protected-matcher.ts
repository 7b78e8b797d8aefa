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

function matchFrom(pattern: string[], i: number, route: string[], j: number): boolean {
  if (i === pattern.length) return j === route.length;
  const part = pattern[i];
  if (part === '**') {
    for (let k = j; k <= route.length; k++) if (matchFrom(pattern, i + 1, route, k)) return true;
    return false;
  }
  if (j === route.length) return false;
  return (part === '*' || part === route[j]) && matchFrom(pattern, i + 1, route, j + 1);
}

export function createProtectedMatcher(patterns: readonly string[]): ProtectedMatcher {
  const compiled = patterns.map(segmentsOf);
  if (compiled.length === 0) return () => false;
  return (routePattern) => {
    const route = segmentsOf(routePattern);
    return compiled.some((pattern) => matchFrom(pattern, 0, route, 0));
  };
}
