/**
 * @module RouteMatch: what the route tree found for a request's path, as the dispatcher, the
 * guards and the cache pass it around: the route and its decoded params.
 *
 *   /api/users/42 (users/[id]/route.ts) -> { route, params: { id: '42' } }
 */
import type { Route } from '../loading/route';
import type { Params } from './route-params';

export interface RouteMatch {
  route: Route;
  params: Params;
}
