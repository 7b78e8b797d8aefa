/**
 * @module createProducer: runs a GET handler the way Next does while generating a cacheable
 * response, and stores what it returns when it may be stored.
 *   1. the request is the one Next would give: stripped (force-static), refusing request data
 *      (dynamic = 'error'), or tracked (auto: reading request data makes the route dynamic);
 *   2. redirect() / notFound() become responses, stored like any other;
 *   3. a handler that read request data (auto) is not stored, and from then on runs per request;
 *   4. otherwise the body is read once into an entry, stored, and the entry is returned.
 *
 *   revalidate = 60, Response.json({a:1})          -> { entry }   (stored under route:<path>)
 *   auto, handler read headers()                    -> { response } (not stored; plan.sawDynamic)
 *   dynamic = 'error', handler called connection()  -> throws StaticGenBailoutError
 */
import type { RequestStore } from '../context';
import type { EngineLogger } from '../logging/engine-logger';
import type { RouteHandler } from '../loading/method-table';
import type { NextRequest } from '../next/request';
import { toControlFlow } from '../dispatch/control-flow';
import { isResponseLike } from '../adapter/write-response';
import { isThenable } from '../shared/is-thenable';
import type { CacheEntry, CacheHandler } from './cache-handler';
import { storable, toEntry } from './cache-entry';
import { collectedOf } from './data-cache';
import type { RoutePlan } from './route-plan';
import { forceStaticRequest, requireStaticRequest, StaticGenBailoutError, trackingRequest } from './static-request';

const DYNAMIC_DOCS = 'See more info here: https://nextjs.org/docs/app/building-your-application/rendering/static-and-dynamic#dynamic-rendering';

export interface Produced {
  /** The stored entry, when the response could be stored. */
  entry?: CacheEntry;
  /** What the handler returned, when it was not stored. */
  response: unknown;
}

export interface ProducerOptions {
  handler: CacheHandler;
  logger: EngineLogger;
  track(work: Promise<unknown>): void;
}

export type Produce = (
  plan: RoutePlan,
  path: string,
  run: RouteHandler,
  request: NextRequest,
  context: { params: unknown },
  store: RequestStore,
) => Promise<Produced>;

export function createProducer({ handler, logger, track }: ProducerOptions): Produce {
  return async function produce(plan, path, run, request, context, store) {
    const prepared = prepareRequest(plan, request, store);
    store.request = prepared;
    store.staticGeneration = true;
    let result: unknown;
    try {
      result = await run(prepared, context);
    } catch (error) {
      const flow = toControlFlow(error);
      if (flow === undefined) throw error;
      result = new Response(null, { status: flow.status, headers: flow.location === undefined ? undefined : { location: flow.location } });
    }
    if (!isResponseLike(result)) return { response: result };
    const usage = store.dynamicUsage;
    if (usage !== undefined && plan.dynamic === 'auto') {
      if (!plan.sawDynamic) {
        plan.sawDynamic = true;
        logger.info(
          { file: plan.route.relativeFile },
          `Route ${plan.route.pattern} read request-time data (${usage}); it now runs on every request and is not cached.`,
        );
      }
      return { response: result };
    }
    if (usage !== undefined && plan.dynamic === 'error') {
      // connection(), unstable_noStore() (headers() and cookies() already threw reading the request)
      throw new StaticGenBailoutError(
        `Route ${plan.route.pattern} with \`dynamic = "error"\` couldn't be rendered statically because it used \`${usage}\`. ${DYNAMIC_DOCS}`,
      );
    }
    if (!storable(result, store)) return { response: result };
    const body = Buffer.from(await (result as Response).arrayBuffer());
    const made = toEntry(plan, path, result, body, collectedOf(store));
    try {
      const saved = handler.set(`route:${path}`, made);
      if (isThenable(saved))
        track(Promise.resolve(saved).catch((error: Error) => logger.warn({ err: error, path }, `Cache: storing '${path}' failed: ${error.message}`)));
    } catch (error) {
      logger.warn({ err: error, path }, `Cache: storing '${path}' failed: ${(error as Error).message}`);
    }
    return { entry: made, response: undefined };
  };
}

function prepareRequest(plan: RoutePlan, request: NextRequest, store: RequestStore): NextRequest {
  if (plan.dynamic === 'force-static') return forceStaticRequest(request);
  if (plan.dynamic === 'error') return requireStaticRequest(request, plan.route.pattern);
  return trackingRequest(request, (expression) => {
    store.dynamicUsage ??= expression;
  });
}
