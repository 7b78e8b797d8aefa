/**
 * @module The cache handler the config asks for:
 *
 *   CACHE_URL=redis://cache:6379                   -> Redis, shared by every instance and worker
 *   (unset) CACHE_MAX_ENTRIES / CACHE_MAX_BYTES    -> in this process's memory, bounded
 */
import cluster from 'node:cluster';
import type { Config } from '../../config';
import type { EngineLogger } from '../logging/engine-logger';
import type { CacheHandler } from './cache-handler';
import { createMemoryCache } from './memory-cache';
import { createRedisCache } from './redis-cache';

export function createCacheHandler(config: Config, logger: EngineLogger): CacheHandler {
  const { url, maxEntries, maxBytes } = config.cache;
  if (url !== undefined) return createRedisCache({ url, logger });
  if (config.webConcurrency > 1 && (!cluster.isWorker || cluster.worker?.id === 1)) {
    logger.warn(
      { webConcurrency: config.webConcurrency },
      `Each of the ${config.webConcurrency} workers keeps its own in-memory cache: revalidateTag() and revalidatePath() reach only the worker that runs them. Set CACHE_URL to a Redis server to share one cache.`,
    );
  }
  return createMemoryCache({ maxEntries, maxBytes });
}
