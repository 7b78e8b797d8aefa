/**
 * @module toRouteFile: a route file's path under the routes folder -> its RouteFile record.
 */
import path from 'node:path';
import { NextpressError } from '../errors';
import { parseSegment } from './segment';
import { toPattern } from './to-pattern';
import type { RouteFile, Segment } from './types';

/**
 * Builds the record for one route file from its posix path relative to `routesDir`. Groups and
 * slots leave the URL; every folder is checked by parseSegment (errors quote the folder's path).
 *
 *   'route.ts'                      -> pattern '/',               segments []
 *   'api/users/[id]/route.ts'       -> pattern '/api/users/[id]', segments [api, users, param id]
 *   '(shop)/cart/route.js'          -> pattern '/cart'
 *   '@modal/(g)/docs/[[...s]]/route.ts' -> pattern '/docs/[[...s]]'
 *   '%5Finternal/route.ts'          -> pattern '/_internal'
 *   'files/a%2Fb/route.ts'          -> pattern '/files/a%2Fb', segments [files, static 'a/b']
 *   '_lib/route.ts'                 -> throws NextpressError BAD_SEGMENT (private folder)
 */
export function toRouteFile(routesDir: string, relativeFile: string): RouteFile {
  const folders = relativeFile.split('/');
  folders.pop();
  const segments: Segment[] = [];
  for (let i = 0; i < folders.length; i++) {
    const folderPath = folders.slice(0, i + 1).join('/');
    const parsed = parseSegment(folders[i], folderPath);
    if (parsed.kind === 'group' || parsed.kind === 'slot') continue;
    if (parsed.kind === 'private') {
      throw new NextpressError(
        `'${relativeFile}' is inside the private folder '${folderPath}', which is never routable. Rename the folder to '%5F${folders[i].slice(1)}' for a URL segment starting with '_'.`,
        { code: 'BAD_SEGMENT' },
      );
    }
    segments.push(parsed);
  }
  return { file: path.join(routesDir, ...relativeFile.split('/')), relativeFile, pattern: toPattern(segments), segments };
}
