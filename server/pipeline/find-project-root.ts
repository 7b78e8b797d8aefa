/**
 * @module findProjectRoot: the routes folder -> the Next project around it, where next.config.*
 * and proxy.ts / middleware.ts live. Pure (path arithmetic only; nothing is read from disk).
 *   '/srv/shop/app'      -> '/srv/shop'   (app/ at the project root)
 *   '/srv/shop/src/app'  -> '/srv/shop'   (src/app/)
 *   '/srv/routes'        -> undefined     (a bare folder of route files: no project, no next.config)
 */
import path from 'node:path';

export function findProjectRoot(routesDir: string): string | undefined {
  const resolved = path.resolve(routesDir);
  if (path.basename(resolved) !== 'app') return undefined;
  const parent = path.dirname(resolved);
  return path.basename(parent) === 'src' ? path.dirname(parent) : parent;
}
