/**
 * @module createFetchCache: Next's data cache for `fetch` inside a route handler (patch-fetch.ts
 * routes each such call here), on the same store as responses, under `fetch:<sha256>` entries.
 *
 *   fetch(url)                                   -> the network, untouched (Next 15/16's default)
 *   fetch(url, { next: { revalidate: 60 } })     -> MISS: fetched, streamed to the caller and stored;
 *                                                   HIT for 60 s; then STALE: the stored response once
 *                                                   more while ONE background refetch replaces it
 *   fetch(url, { cache: 'force-cache' })         -> stored until revalidateTag / revalidatePath
 *   fetch(url, { next: { tags: ['posts'] } })    -> filed under 'posts' (and the route's implicit tags)
 *   concurrent MISSes of one key                 -> one upstream request; the others read what it stored
 *
 * What decides is fetch-policy.ts (Next's rules, with the segment's `fetchCache`, `dynamic` and
 * `revalidate`); the key is fetch-key.ts; entries are fetch-entry.ts. While a cacheable response is
 * made, a fetch's tags and a shorter revalidate carry over to that response, a `no-store` fetch
 * makes it dynamic, and a stale entry is refetched before the handler goes on, as in Next. The
 * request that stored an entry answers once the store has it, so the next request on any
 * instance finds it. Draft-mode requests always go to the network.
 */
import { RequestCookies } from '@edge-runtime/cookies';
import type { RequestStore } from '../context';
import type { EngineLogger } from '../logging/engine-logger';
import { PRERENDER_BYPASS_COOKIE } from '../next/draft-mode';
import { previewModeId } from '../next/preview-mode-id';
import { isThenable } from '../shared/is-thenable';
import type { CacheEntry, CacheHandler } from './cache-handler';
import { collect, collectedOf } from './data-cache';
import { fromFetchEntry, teeAndCollect, toFetchEntry } from './fetch-entry';
import { fetchKey, type KeyedInit } from './fetch-key';
import { fetchPolicy, INFINITE_CACHE, validTags } from './fetch-policy';
import { IMPLICIT_TAG_PREFIX } from './implicit-tags';
import { pathOf, type RoutePlan } from './route-plan';
import { StaticGenBailoutError } from './static-request';

/** RequestInit with Next's `next` field (declared on RequestInit itself by next/fetch-types.ts). */
export type NextFetchInit = RequestInit & { next?: { revalidate?: number | false; tags?: string[] } };

export type CachedFetch = (original: typeof fetch, input: RequestInfo | URL, init: NextFetchInit | undefined, store: RequestStore) => Promise<Response>;

export interface FetchCacheOptions {
  handler: CacheHandler;
  logger: EngineLogger;
  track(work: Promise<unknown>): void;
  /** The plan of the route file serving a request, once it has been served. */
  planOf(routeFile: string): RoutePlan | undefined;
}

/** How long a background refetch claims its key in a shared store at most (released when it ends). */
const REFETCH_CLAIM_MS = 60_000;
const DYNAMIC_DOCS = 'See more info here: https://nextjs.org/docs/app/building-your-application/rendering/static-and-dynamic#dynamic-rendering';

export function createFetchCache({ handler, logger, track, planOf }: FetchCacheOptions): CachedFetch {
  /** A MISS being fetched and stored, per key: later callers wait, then read the entry. */
  const filling = new Map<string, Promise<void>>();
  const refreshing = new Set<string>();

  return async function cachedFetch(original, input, init, store) {
    const plan = planOf(store.routeFile);
    const request = isRequest(input) ? input : undefined;
    const next = init?.next ?? (request as { next?: NextFetchInit['next'] } | undefined)?.next;
    const cache = init?.cache ?? request?.cache;
    const producing = store.staticGeneration && plan?.mode === 'cache';
    // The common case costs nothing more: no option anywhere means Next's 'auto no cache'.
    if (next === undefined && (cache === undefined || cache === 'default') && plan?.fetchCache === undefined && !producing) return original(input, init);
    const url = urlOf(request?.url ?? input);
    if (url === undefined || isDraftMode(store)) return original(input, init);

    const route = plan?.route.pattern ?? `/${store.routeFile}`;
    const headers = new Headers(init?.headers ?? request?.headers);
    const tags = validTags(next?.tags ?? [], `fetch ${url}`, (message) => logger.warn({ file: store.routeFile }, message));
    const collected = producing ? collectedOf(store) : undefined;
    const decision = fetchPolicy({
      url,
      route,
      cache,
      revalidate: next?.revalidate,
      method: init?.method ?? request?.method ?? 'GET',
      credentialed: headers.has('authorization') || headers.has('cookie'),
      fetchCache: plan?.fetchCache,
      forceDynamic: plan?.dynamic === 'force-dynamic',
      forceStatic: plan?.dynamic === 'force-static',
      noStore: store.dynamicUsage === 'unstable_noStore()',
      routeRevalidate: producing && plan !== undefined ? Math.min(seconds(plan.revalidate), seconds(collected?.revalidate ?? false)) : undefined,
    });
    if (decision.warning !== undefined) logger.warn({ file: store.routeFile }, `fetch ${url} in '${store.routeFile}': ${decision.warning}`);
    if (producing) {
      collect(store, { tags, revalidate: decision.lowersRouteTo ?? false });
      if (decision.dynamic !== undefined) {
        if (plan?.dynamic === 'error') {
          throw new StaticGenBailoutError(
            `Route ${route} with \`dynamic = "error"\` couldn't be rendered statically because it used \`${decision.dynamic}\`. ${DYNAMIC_DOCS}`,
          );
        }
        store.dynamicUsage ??= decision.dynamic;
      }
    }
    if (decision.revalidate === 0) return original(input, init);

    const { next: _next, ...rest } = init ?? {};
    const sent: RequestInit & KeyedInit = request === undefined ? rest : { ...fromRequest(request), ...rest };
    const { key, body } = await fetchKey(url, sent);
    const target = request === undefined ? (input as string | URL) : request.url;
    // A refetch in the background outlives the caller: its signal is not passed on, as in Next.
    const send = (signal: boolean) => original(target, { ...sent, body, signal: signal ? sent.signal : undefined });
    const entryTags = [...new Set([...tags, ...(plan?.tags ?? []), `${IMPLICIT_TAG_PREFIX}${pathOf(store.req)}`])];
    return lookup(key, decision.revalidate, producing, send, entryTags, store, sent.signal);
  };

  async function lookup(
    key: string,
    revalidate: number,
    foreground: boolean,
    send: (signal: boolean) => Promise<Response>,
    tags: string[],
    store: RequestStore,
    signal: AbortSignal | null | undefined,
  ): Promise<Response> {
    for (;;) {
      const waiting = filling.get(key);
      if (waiting !== undefined) await waiting;
      const stored = await read(key);
      const now = Date.now();
      if (stored !== undefined && (stored.expireAt === null || now < stored.expireAt)) {
        // Stale by this call's revalidate (as Next measures it), or marked stale by revalidateTag.
        const stale = stored.staleAt === 0 || (revalidate < INFINITE_CACHE && now - stored.createdAt > revalidate * 1000);
        if (!stale) return fromFetchEntry(stored);
        if (!foreground) {
          refetch(key, revalidate, tags, () => send(false));
          return fromFetchEntry(stored);
        }
      }
      // Another caller began filling this key while the store was read: wait for it and read again.
      if (filling.has(key)) continue;
      return fill(key, revalidate, tags, () => send(true), store, signal);
    }
  }

  async function fill(
    key: string,
    revalidate: number,
    tags: string[],
    send: () => Promise<Response>,
    store: RequestStore,
    signal: AbortSignal | null | undefined,
  ): Promise<Response> {
    let done!: () => void;
    const filled = new Promise<void>((resolve) => (done = resolve));
    filling.set(key, filled);
    const release = () => {
      if (filling.get(key) === filled) filling.delete(key);
      done();
    };
    let upstream: Response;
    try {
      upstream = await send();
    } catch (error) {
      release();
      throw error;
    }
    if (upstream.status !== 200) {
      release();
      return upstream;
    }
    const { response, body } = teeAndCollect(upstream);
    const saved = body
      .then((bytes) => save(key, toFetchEntry(upstream, bytes, revalidate, tags)))
      .catch((error: Error) => {
        // A fetch its caller aborted is not worth a warning (as in Next).
        if (!signal?.aborted)
          logger.warn({ err: error, url: upstream.url }, `fetch ${upstream.url}: its response could not be stored in the data cache: ${error.message}`);
      })
      .finally(release);
    track(saved);
    (store.pendingRevalidates ??= []).push(saved);
    return response;
  }

  /** One background refetch per key at a time (and, with a shared store, across instances). */
  function refetch(key: string, revalidate: number, tags: string[], send: () => Promise<Response>): void {
    if (refreshing.has(key)) return;
    refreshing.add(key);
    const claimed = handler.claimRegeneration ? handler.claimRegeneration(key, REFETCH_CLAIM_MS).catch(() => async () => {}) : Promise.resolve(async () => {});
    const work = claimed
      .then(async (releaseClaim) => {
        if (releaseClaim === undefined) return; // another instance is refetching it
        try {
          const res = await send();
          if (res.status === 200) await save(key, toFetchEntry(res, Buffer.from(await res.arrayBuffer()), revalidate, tags));
          else await res.body?.cancel();
        } finally {
          await releaseClaim();
        }
      })
      .catch((error: Error) => logger.warn({ err: error, key }, `fetch: refetching a stale data-cache entry failed (${error.message}); the stale one stays`))
      .finally(() => refreshing.delete(key));
    track(work);
  }

  async function read(key: string): Promise<CacheEntry | undefined> {
    try {
      return await handler.get(key);
    } catch {
      return undefined;
    }
  }

  async function save(key: string, entry: CacheEntry): Promise<void> {
    const saved = handler.set(key, entry);
    if (isThenable(saved)) await saved;
  }
}

function seconds(revalidate: number | false): number {
  return revalidate === false ? INFINITE_CACHE : revalidate;
}

function isRequest(input: RequestInfo | URL): input is Request {
  return typeof input === 'object' && input !== null && !(input instanceof URL) && typeof (input as Request).method === 'string';
}

/** The URL without credentials, as Next keys it; undefined when it cannot be parsed (fetch reports that). */
function urlOf(input: RequestInfo | URL): string | undefined {
  try {
    const url = new URL(typeof input === 'string' ? input : (input as URL).href);
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return undefined;
  }
}

/** What a Request input carries, as init fields (its body is read once, for the key). */
function fromRequest(request: Request): RequestInit & KeyedInit {
  return {
    method: request.method,
    headers: request.headers,
    body: request.body,
    mode: request.mode,
    redirect: request.redirect,
    credentials: request.credentials,
    referrer: request.referrer,
    referrerPolicy: request.referrerPolicy,
    integrity: request.integrity,
    cache: request.cache,
    keepalive: request.keepalive,
    signal: request.signal,
  };
}

/** Next skips the data cache for draft-mode requests (the `__prerender_bypass` cookie of this process). */
function isDraftMode(store: RequestStore): boolean {
  const raw = store.req.headers.cookie;
  if (raw === undefined || !raw.includes(PRERENDER_BYPASS_COOKIE)) return false;
  return new RequestCookies(new Headers({ cookie: raw })).get(PRERENDER_BYPASS_COOKIE)?.value === previewModeId();
}
