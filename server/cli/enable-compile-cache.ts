/**
 * @module enableCompileCache: imported first by the CLI, so everything it loads next (the engine,
 * Express, zod, pino, jiti) is compiled from V8's on-disk cache after the first start. Node >= 22.1
 * has `module.enableCompileCache()` (the cache lives in the system's temp folder, and
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off); on Node 20 this does nothing.
 *
 *   Node 24.22, 1,000 route files, spawn to first 200 (bench quick mode): 524 ms -> 480 ms
 */
import nodeModule from 'node:module';

(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
