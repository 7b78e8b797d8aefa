/**
 * @module checkConflicts: refuses a set of route files Next would refuse, with Next's own words.
 */
import { routeConflict } from './route-conflict';
import { toRouteFile } from './route-file';
import { createRouteTree } from './route-tree';
import type { RouteFile } from './types';

/**
 * Throws NextpressError ROUTE_CONFLICT for the first clash, quoting Next's message, then the route
 * files involved and the fix. Checks, in Next's order: one URL served twice, then the router-tree
 * rules of Next's route sorter (slug names, catch-all placement: insertRoute), then a route beside
 * an optional catch-all (as the tree lists its routes). Routes are visited in relativeFile order,
 * so the message does not depend on input order.
 *
 *   (a)/x/route.ts + (b)/x/route.ts              -> Conflicting routes at /x: route at /(a)/x/route and route at /(b)/x/route
 *   x/route.ts + (m)/x/page.tsx (notServed)      -> Conflicting route and page at /x: route at /x/route and page at /(m)/x/page
 *   u/[id]/route.ts + u/[userId]/a/route.ts      -> You cannot use different slug names for the same dynamic path ('id' !== 'userId').
 *   [...slug]/x/route.ts                         -> Catch-all must be the last part of the URL.
 *   d/[...a]/route.ts + d/[[...b]]/route.ts      -> You cannot use both an required and optional catch-all route at the same level ("[...a]" and "[[...b]]" ).
 *   x/route.ts + x/[[...s]]/route.ts             -> You cannot define a route with the same specificity as a optional catch-all route ("/x" and "/x[[...s]]").
 *   [id]/x/[id]/route.ts                         -> You cannot have the same slug name "id" repeat within a single dynamic path
 *   [a-b]/[ab]/route.ts                          -> You cannot have the slug names "a-b" and "ab" differ only by non-word symbols within a single dynamic path
 *   [id]/route.ts + [...rest]/route.ts           -> no error (a param and a catch-all may share a level)
 */
export function checkConflicts(routes: RouteFile[], notServed: readonly string[] = []): void {
  const ordered = [...routes].sort((a, b) => (a.relativeFile < b.relativeFile ? -1 : a.relativeFile > b.relativeFile ? 1 : 0));

  // A page answering a route's URL: `next build` refuses the app.
  const pages = notServed.filter((file) => PAGE_FILE.test(file.slice(file.lastIndexOf('/') + 1)));
  if (pages.length > 0) {
    const byPattern = new Map(ordered.map((route) => [route.pattern, route]));
    for (const page of pages) {
      let pattern: string;
      try {
        pattern = toRouteFile('', page).pattern;
      } catch {
        continue; // under a private folder: never routable, no URL to clash on
      }
      const route = byPattern.get(pattern);
      if (route === undefined) continue;
      const dir = page.slice(0, page.lastIndexOf('/') + 1);
      throw routeConflict(
        `Conflicting route and page at ${pattern}: route at ${appPage(route)} and page at /${dir}page`,
        [route, { relativeFile: page }],
        `A URL is served by a page or by a route handler, not both: move the route file (e.g. under api/) or delete the page.`,
      );
    }
  }

  const byPattern = new Map<string, RouteFile>();
  for (const route of ordered) {
    const first = byPattern.get(route.pattern);
    if (first === undefined) {
      byPattern.set(route.pattern, route);
      continue;
    }
    throw routeConflict(
      `Conflicting routes at ${route.pattern}: route at ${appPage(first)} and route at ${appPage(route)}`,
      [first, route],
      `Both answer ${route.pattern} (groups and @slots are not part of the URL): delete or move one of them.`,
    );
  }

  createRouteTree(ordered.map((route) => ({ segments: route.segments, value: route, relativeFile: route.relativeFile }))).routes();
}

/** Next's page files (the default pageExtensions and mdx). */
const PAGE_FILE = /^page\.(?:jsx?|tsx?|mdx?)$/;

/** 'api/(a)/x/route.ts' -> '/api/(a)/x/route' (how Next names a route entry); 'route.ts' -> '/route'. */
function appPage(route: RouteFile): string {
  const slash = route.relativeFile.lastIndexOf('/');
  return slash === -1 ? '/route' : `/${route.relativeFile.slice(0, slash)}/route`;
}
