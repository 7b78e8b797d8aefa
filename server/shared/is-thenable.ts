/**
 * @module isThenable: a promise from any realm or library. Route code may come from another
 * realm (jest's sandbox) and cache handlers from any library, so `instanceof Promise` is not enough.
 *
 *   Promise.resolve(1) | { then() {} } -> true
 *   1 | null | { then: 1 }            -> false
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}
