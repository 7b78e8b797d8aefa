/**
 * @module routeConflict: a clash between route files -> the ROUTE_CONFLICT error that says it:
 * Next's own message, then the route files involved, then the fix.
 *
 *   ("Catch-all must be the last part of the URL.", [docs/[...slug]/x/route.ts], fix)
 *     -> "Catch-all must be the last part of the URL. Route file: 'docs/[...slug]/x/route.ts'. <fix>"
 *   ("You cannot have the same slug name \"id\" repeat within a single dynamic path", [r], fix)
 *     -> "... within a single dynamic path. Route file: '<r>'. <fix>"
 *   (message, routes whose files are not known, fix) -> message  (the fix names files, so it is left out)
 */
import { NextpressError } from '../errors';

export function routeConflict(nextMessage: string, routes: Array<{ relativeFile?: string }>, fix: string): NextpressError {
  if (routes.some((route) => route.relativeFile === undefined)) return new NextpressError(nextMessage, { code: 'ROUTE_CONFLICT' });
  const files = routes.map((route) => `'${route.relativeFile}'`).join(' and ');
  const label = routes.length === 1 ? 'Route file' : 'Route files';
  const stop = /[.)]$/.test(nextMessage) ? ' ' : '. ';
  return new NextpressError(`${nextMessage}${stop}${label}: ${files}. ${fix}`, { code: 'ROUTE_CONFLICT' });
}
