/**
 * @module The request context: one AsyncLocalStorage for the whole process, shared by every copy
 * of this module (it lives on `globalThis` under a registered symbol), so `next/headers` works in a
 * route file whichever loader brought it in (jiti, require, import, jest).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REQUEST_CONTEXT } from './shared/shared-state';

/** A cookie written during the request, serialised later into `Set-Cookie` (see next/headers). */
export interface CookieJar {
  /** The `Set-Cookie` values to add to the response, in the order they were written. */
  toSetCookieHeaders(): string[];
}

/** One per request. Every field exists from the start (stable shape); most stay undefined. */
export class RequestStore {
  /**
   * The NextRequest handed to the route handler. While a response is made for the cache it is
   * the request Next would give (server/cache/static-request.ts): under force-static, headers,
   * cookies and query are empty, so `headers()` and `cookies()` read empty values.
   */
  request: Request;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** The route file serving this request (relative to the routes folder), for messages. */
  readonly routeFile: string;
  /** Cookies written through `cookies().set/delete` or `draftMode()`; merged into the response. */
  responseCookies: CookieJar | undefined = undefined;
  /**
   * revalidateTag/revalidatePath calls of this request, still under way in the cache handler (a
   * Redis round trip). The response is sent once they settle, so the client's next request, on any
   * instance, sees them (Next ends the response after them too).
   */
  pendingRevalidates: Array<Promise<unknown>> | undefined = undefined;
  /** Work queued by `after()`; run once the response has been sent. */
  afterTasks: Array<() => unknown> | undefined = undefined;
  /** Cached views for next/headers (`headers()`, `cookies()`, `draftMode()`), built on first call. */
  headersView: unknown = undefined;
  cookiesView: unknown = undefined;
  draftModeView: unknown = undefined;
  /** Set when the handler reads request-time data (headers, cookies, connection): never cached. */
  dynamicUsage: string | undefined = undefined;
  /** True while the handler runs for the response cache (segment config): request-time data is stripped or refused. */
  staticGeneration = false;
  #slots: Map<symbol, unknown> | undefined = undefined;

  constructor(request: Request, req: IncomingMessage, res: ServerResponse, routeFile: string) {
    this.request = request;
    this.req = req;
    this.res = res;
    this.routeFile = routeFile;
  }

  /** Per-request slots for features (auth session, cache state), keyed by symbol; the Map is made on first use. */
  get slots(): Map<symbol, unknown> {
    return (this.#slots ??= new Map());
  }
}

const kStorage = REQUEST_CONTEXT;
type GlobalWithStorage = typeof globalThis & { [kStorage]?: AsyncLocalStorage<RequestStore> };

/** The process-wide storage (created by whichever copy of this module loads first). */
export const requestContext: AsyncLocalStorage<RequestStore> = ((globalThis as GlobalWithStorage)[kStorage] ??= new AsyncLocalStorage<RequestStore>());

/** The current request's store, or undefined outside a request. */
export function currentRequestStore(): RequestStore | undefined {
  return requestContext.getStore();
}

/**
 * The current request's store; outside a request it throws Next's own message, e.g.
 * "`headers` was called outside a request scope. Read more: https://nextjs.org/docs/messages/next-dynamic-api-wrong-context"
 */
export function getRequestStore(caller: string): RequestStore {
  const store = requestContext.getStore();
  if (store === undefined) {
    throw new Error(`\`${caller}\` was called outside a request scope. Read more: https://nextjs.org/docs/messages/next-dynamic-api-wrong-context`);
  }
  return store;
}
