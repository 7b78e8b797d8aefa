/**
 * @module Route params in both eras' shapes: a Promise (Next 15/16: `await params`) that also
 * carries the values as properties (Next 13/14: `params.user`).
 *
 *   { user: 'eric' }            -> Promise<{ user: 'eric' }> & { user: 'eric' }
 *   { slug: ['a', 'b'] }        -> Promise<{ slug: ['a', 'b'] }> & { slug: ['a', 'b'] }
 *   {} (optional catch-all, no segments) -> Promise<{}> (no `slug` key)
 *   the router's frozen {} (a route with no dynamic segment) -> undefined, as in Next
 *     (its app-route module passes `params: undefined` then; checked by npm run test:next)
 */
export type Params = Record<string, string | string[]>;

export function toRouteParams(params: Params): (Promise<Params> & Params) | undefined {
  // The router shares one frozen `{}` between static hits, and only those.
  if (Object.isFrozen(params)) return undefined;
  return Object.assign(Promise.resolve(params), params);
}
