/**
 * @module cookies() of next/headers, and the request's one MutableCookies (shared with draftMode()).
 *
 *   (await cookies()).get('theme')   -> { name: 'theme', value: 'dark', path: '/' }  (Next 15/16)
 *   cookies().get('theme')?.value    -> 'dark'                                       (Next 13/14)
 *   cookies().set('theme', 'light')  -> the response gets `Set-Cookie: theme=light; Path=/`
 *   outside a request                -> throws "`cookies` was called outside a request scope. ..."
 */
import { getRequestStore, type RequestStore } from '../context';
import { MutableCookies, ReadonlyRequestCookiesError } from './mutable-cookies';
import { toSyncAwaitable, type SyncAwaitable } from './sync-awaitable';

/** The members a 13/14-era caller may use on `cookies()` without awaiting it. */
const MEMBERS = ['get', 'getAll', 'has', 'set', 'delete', 'toString', 'size', Symbol.iterator] as const;

/** Next 15's name for the unawaited value (its codemod writes it); the same object here. */
export type UnsafeUnwrappedCookies = MutableCookies;

export function cookies(): SyncAwaitable<MutableCookies> {
  const store = getRequestStore('cookies');
  store.dynamicUsage ??= 'cookies()';
  return (store.cookiesView ??= toSyncAwaitable(mutableCookiesOf(store), MEMBERS)) as SyncAwaitable<MutableCookies>;
}

/**
 * The request's MutableCookies, created on first use and registered as `store.responseCookies`
 * so the dispatcher sends what it holds (with the handler's Response and with redirects).
 * Writes after the response has gone out throw, as in Next's `after()` phase.
 */
export function mutableCookiesOf(store: RequestStore): MutableCookies {
  const current = store.responseCookies;
  if (MutableCookies.is(current)) return current;
  const jar = new MutableCookies(store.request.headers, {
    previous: current,
    assertWritable: () => {
      if (store.res?.headersSent) throw new ReadonlyRequestCookiesError();
    },
  });
  store.responseCookies = jar;
  return jar;
}
