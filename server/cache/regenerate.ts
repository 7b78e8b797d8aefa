/**
 * @module createRegenerator: past `revalidate`, one background run per path makes the next entry
 * while the stale one is served; an error keeps the stale one. With a store shared by several
 * instances (Redis: `claimRegeneration`), one run per path across all of them. The run's after()
 * work goes through the dispatcher's after() runner, as a request's would.
 *
 *   regenerate(plan, '/posts', ...) twice at once  -> one handler run
 *   another instance holds the claim for '/posts'  -> no run here
 *   the store fails to answer the claim            -> runs here
 */
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express';
import { RequestStore, requestContext } from '../context';
import type { EngineLogger } from '../logging/engine-logger';
import type { MethodEntry } from '../loading/method-table';
import type { NextRequest } from '../next/request';
import { toNextRequest } from '../adapter/incoming-request';
import type { AfterQueue } from '../dispatch/after-queue';
import type { RouteMatch } from '../dispatch/route-match';
import { toRouteParams } from '../dispatch/route-params';
import type { CacheHandler } from './cache-handler';
import type { Produce } from './produce-entry';
import type { RoutePlan } from './route-plan';

/** How long a regeneration claim in a shared store lasts at most (it is released when the run ends). */
const REGENERATION_CLAIM_MS = 60_000;

export interface RegeneratorOptions {
  handler: CacheHandler;
  logger: EngineLogger;
  afterQueue: AfterQueue;
  produce: Produce;
  track(work: Promise<unknown>): void;
}

export type Regenerate = (plan: RoutePlan, path: string, entry: MethodEntry, found: RouteMatch, req: ExpressRequest, res: ExpressResponse) => void;

export function createRegenerator({ handler, logger, afterQueue, produce, track }: RegeneratorOptions): Regenerate {
  const regenerating = new Set<string>();

  function regenerateHere(
    plan: RoutePlan,
    path: string,
    entry: MethodEntry,
    request: NextRequest,
    context: { params: unknown },
    store: RequestStore,
  ): Promise<void> {
    const file = plan.route.relativeFile;
    return requestContext
      .run(store, () => produce(plan, path, entry.handler, request, context, store))
      .then(
        (result) => {
          if (result.entry === undefined && !plan.sawDynamic) {
            logger.warn(
              { file, path },
              `Regenerating '${path}' (route '${file}') gave a response that cannot be stored; the stale one stays until a regeneration succeeds.`,
            );
          }
        },
        (error: Error) => {
          logger.error(
            { err: error, file, path },
            `Error in route handler '${file}' while regenerating '${path}'; the stale response stays until a regeneration succeeds`,
          );
        },
      )
      .then(() => afterQueue.runNow(store));
  }

  return function regenerate(plan, path, entry, found, req, res) {
    if (regenerating.has(path)) return;
    regenerating.add(path);
    const request = toNextRequest(req, res, { bodyLimit: 0 });
    const store = new RequestStore(request, req, res, plan.route.relativeFile);
    const context = { params: toRouteParams(found.params) };
    const done = () => regenerating.delete(path);
    if (handler.claimRegeneration === undefined) {
      track(regenerateHere(plan, path, entry, request, context, store).finally(done));
      return;
    }
    const work = handler
      .claimRegeneration(path, REGENERATION_CLAIM_MS)
      .catch(() => async () => {}) // the store failed to answer: regenerate here
      .then((release) => {
        if (release === undefined) return; // another instance is regenerating this path
        return regenerateHere(plan, path, entry, request, context, store).finally(release);
      });
    track(work.finally(done));
  };
}
