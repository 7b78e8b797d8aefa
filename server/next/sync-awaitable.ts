/**
 * @module toSyncAwaitable: a Promise of a value that also carries the value's own members, so code
 * from both eras works on what `headers()`, `cookies()` and `draftMode()` return (Next 15 itself
 * returned such a Promise during its sync-access grace period):
 *
 *   await headers()                  -> the ReadonlyHeaders              (Next 15/16)
 *   headers().get('host')            -> 'a.test'                         (Next 13/14)
 *   Object.fromEntries(headers())    -> { host: 'a.test', ... }          (Next 13/14: iterable)
 *   cookies().set('a', '1')          -> the cookies object, for chaining (Next 13/14)
 *   draftMode().isEnabled            -> read on each access (getters stay live)
 */
export type SyncAwaitable<T> = Promise<T> & T;

export function toSyncAwaitable<T extends object>(value: T, members: ReadonlyArray<keyof T>): SyncAwaitable<T> {
  const promise = Promise.resolve(value);
  const descriptors: PropertyDescriptorMap = {};
  for (const member of members) {
    const current = value[member];
    descriptors[member as PropertyKey] =
      typeof current === 'function'
        ? { value: (current as (...args: unknown[]) => unknown).bind(value), configurable: true, writable: true }
        : { get: () => value[member], configurable: true };
  }
  return Object.defineProperties(promise, descriptors) as SyncAwaitable<T>;
}
