/**
 * @module next/headers, as route files import it: `import { headers, cookies, draftMode } from 'next/headers'`.
 * Each returns a Promise that also carries the value's members, so both eras work unchanged:
 *
 *   (await headers()).get('accept')        (Next 15/16)      headers().get('accept')   (Next 13/14)
 *   Object.fromEntries(await headers())    (next-auth v4)    (await cookies()).getAll()
 *   headers().set('a', 'b')                -> throws "Headers cannot be modified. ..."
 *   outside a request                      -> throws "`headers` was called outside a request scope. ..."
 */
import { getRequestStore } from '../context';
import { ReadonlyHeaders } from './readonly-headers';
import { toSyncAwaitable, type SyncAwaitable } from './sync-awaitable';

export { cookies } from './cookies';
export type { UnsafeUnwrappedCookies } from './cookies';
export { draftMode } from './draft-mode';
export type { DraftMode, UnsafeUnwrappedDraftMode } from './draft-mode';
export type { ReadonlyHeaders } from './readonly-headers';
export type { MutableCookies as ReadonlyRequestCookies } from './mutable-cookies';

/** The members a 13/14-era caller may use on `headers()` without awaiting it. */
const MEMBERS = ['get', 'has', 'getSetCookie', 'forEach', 'keys', 'values', 'entries', Symbol.iterator, 'append', 'delete', 'set'] as const;

/** Next 15's name for the unawaited value (its codemod writes it); the same object here. */
export type UnsafeUnwrappedHeaders = ReadonlyHeaders;

/** The request's headers (with the `x-forwarded-*` Next adds), read-only. */
export function headers(): SyncAwaitable<ReadonlyHeaders> {
  const store = getRequestStore('headers');
  store.dynamicUsage ??= 'headers()';
  return (store.headersView ??= toSyncAwaitable(new ReadonlyHeaders(store.request.headers), MEMBERS)) as SyncAwaitable<ReadonlyHeaders>;
}
