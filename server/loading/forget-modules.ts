/**
 * @module forgetProjectModules: development reload. The loader (jiti) keeps every module it
 * evaluated in Node's public `require.cache`, keyed by file; dropping the project's own entries
 * (never `node_modules`) makes the next import evaluate the edited files again. The transpile
 * cache on disk is keyed by content, so unchanged files cost only their evaluation.
 *
 *   /app/src/app/api/x/route.ts, /app/src/lib/db.ts          -> forgotten
 *   /app/node_modules/zod/index.js, /elsewhere/file.js       -> kept
 * Returns how many entries were dropped.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

/** Node's own require.cache (under jest too, where a module's `require.cache` is jest's). */
const nodeCache = createRequire(__filename).cache;

export function forgetProjectModules(root: string): number {
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const modules = `${path.sep}node_modules${path.sep}`;
  let dropped = 0;
  for (const key of Object.keys(nodeCache)) {
    if (key.startsWith(prefix) && !key.includes(modules)) {
      delete nodeCache[key];
      dropped++;
    }
  }
  return dropped;
}
