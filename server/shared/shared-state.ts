/**
 * @module The keys nextpress shares through `globalThis` and `Symbol.for`, in one list. A module of
 * the engine may be loaded more than once in a process (the built engine and a route file's
 * `next/*`, jest's sandbox and the loader's realm), so what every copy must agree on is registered
 * under a global symbol rather than kept in a module variable.
 *
 *   key                        what is shared                                        owner
 *   REQUEST_CONTEXT            the one AsyncLocalStorage of request stores           context.ts
 *   ERROR_BRAND                marks a NextpressError (and 4xx errors made as one)   errors.ts
 *   RESPONSE_CACHE             the response cache, per Express app                   cache/registry.ts
 *   CACHE_COLLECTED            unstable_cache's and fetch's tags/revalidate on a request store  cache/data-cache.ts
 *   FETCH_PATCH                the platform fetch and nextpress's wrapper of it      cache/patch-fetch.ts
 *   AUTH_RESOLVER, AUTH_SESSION the session resolver per app; the session per request auth/request-session.ts
 *   PREVIEW_MODE_ID            draft mode's id for this process                      next/preview-mode-id.ts
 *   MUTABLE_COOKIES            marks next/headers' writable cookies                  next/mutable-cookies.ts
 *   NATIVE_RESPONSE, LIGHT_RESPONSE, LAZY_BODY, WHOLE_RESPONSE  the platform Response, the installed LightResponse, a kept body, a wrapped one  next/light-response.ts
 */
export const REQUEST_CONTEXT = Symbol.for('nextpress.request-context');
export const ERROR_BRAND = Symbol.for('nextpress.error');
export const RESPONSE_CACHE = Symbol.for('nextpress.response-cache');
export const CACHE_COLLECTED = Symbol.for('nextpress.cache.collected');
export const FETCH_PATCH = Symbol.for('nextpress.fetch-patch');
export const AUTH_RESOLVER = Symbol.for('nextpress.auth.resolver');
export const AUTH_SESSION = Symbol.for('nextpress.auth.session');
export const PREVIEW_MODE_ID = Symbol.for('nextpress.preview-mode-id');
export const MUTABLE_COOKIES = Symbol.for('nextpress.mutable-cookies');
export const NATIVE_RESPONSE = Symbol.for('nextpress.nativeResponse');
export const LIGHT_RESPONSE = Symbol.for('nextpress.lightResponse');
export const LAZY_BODY = Symbol.for('nextpress.lazyBody');
export const WHOLE_RESPONSE = Symbol.for('nextpress.wholeResponse');
