/**
 * @module Route params in both eras' shapes: a Promise (Next 15/16: `await params`) that also
 * carries the values as properties (Next 13/14: `params.user`).
 *
 *   { user: 'eric' }            -> Promise<{ user: 'eric' }> & { user: 'eric' }
 *   { slug: ['a', 'b'] }        -> Promise<{ slug: ['a', 'b'] }> & { slug: ['a', 'b'] }
 *   {} (optional catch-all, no segments) -> Promise<{}> (no `slug` key)
 */
export type Params = Record<string, string | string[]>;

export function toRouteParams(params: Params): Promise<Params> & Params {
  // The router shares one frozen `{}` between static hits; a handler gets an object of its own.
  const own = Object.isFrozen(params) ? {} : params;
  return Object.assign(Promise.resolve(own), own);
}
