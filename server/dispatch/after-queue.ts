/**
 * @module createAfterQueue: the one runner of `after()` work, for the dispatcher and for the
 * cache's background regenerations alike. Work runs in the request's context, its errors logged
 * naming the route file. A callback may call after() again: that work runs once the batch it was
 * queued from has settled, until no batch is left (as in Next).
 *
 *   afterResponse(store)  -> runs once store.res has finished (at once if it already has)
 *   runNow(store)         -> runs now; resolves when every batch has settled
 *   settled()             -> resolves when all work started so far has finished
 */
import { requestContext, type RequestStore } from '../context';
import type { EngineLogger } from '../logging/engine-logger';

export interface AfterQueue {
  afterResponse(store: RequestStore): void;
  runNow(store: RequestStore): Promise<void>;
  settled(): Promise<void>;
}

export function createAfterQueue(logger: EngineLogger): AfterQueue {
  const pending = new Set<Promise<unknown>>();

  function runBatches(store: RequestStore): Promise<void> {
    const batch = store.afterTasks;
    if (batch === undefined || batch.length === 0) return Promise.resolve();
    store.afterTasks = undefined;
    return requestContext
      .run(store, () => Promise.allSettled(batch.map((task) => Promise.resolve().then(task))))
      .then((results) => {
        for (const result of results) {
          if (result.status === 'rejected') logger.error({ err: result.reason, file: store.routeFile }, `Error in after() callback of '${store.routeFile}'`);
        }
        return runBatches(store);
      });
  }

  function runNow(store: RequestStore): Promise<void> {
    const work = runBatches(store);
    pending.add(work);
    work.finally(() => pending.delete(work));
    return work;
  }

  return {
    afterResponse(store) {
      const tasks = store.afterTasks;
      if (tasks === undefined || tasks.length === 0) return;
      const res = store.res;
      if (res.writableFinished || res.destroyed) void runNow(store);
      else res.once('close', () => void runNow(store));
    },
    runNow,
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
