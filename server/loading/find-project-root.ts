/**
 * @module findProjectRoot: a routes folder -> the root of the Next project it belongs to, from its
 * path alone (pure, no file system), the inverse of findAppFolder:
 *   /srv/blog/src/app -> /srv/blog
 *   /srv/blog/app     -> /srv/blog
 *   /srv/routes       -> undefined (a bare folder of route files: no project around it)
 * Used to name the routes folder as the user knows it (`src/app`) in start-up lines.
 */
import path from 'node:path';

export function findProjectRoot(routesDir: string): string | undefined {
  const folder = path.resolve(routesDir);
  if (path.basename(folder) !== 'app') return undefined;
  const parent = path.dirname(folder);
  return path.basename(parent) === 'src' ? path.dirname(parent) : parent;
}
