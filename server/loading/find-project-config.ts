/**
 * @module findProjectConfig: a folder -> the tsconfig.json or jsconfig.json of the project it is in
 * (the nearest one upward, `extends` already applied by get-tsconfig), whose `paths` and `baseUrl`
 * route files and their imports resolve through, as under `next dev`.
 *
 *   my-app/src/app/api/x (my-app/tsconfig.json)        -> { path: 'my-app/tsconfig.json', config }
 *   my-app/app (only my-app/jsconfig.json)             -> { path: 'my-app/jsconfig.json', config }
 *   both in one folder                                  -> the tsconfig.json (as Next prefers it)
 *   a folder of nextpress itself (routes/, tests/)      -> undefined: nextpress's own tsconfig (beside a
 *                                                          package.json named nextpress) is for
 *                                                          type-checking the engine, not for routes
 *   no config up to the file-system root                -> undefined
 */
import fs from 'node:fs';
import path from 'node:path';
import { getTsconfig, type TsConfigResult } from 'get-tsconfig';

/** nextpress's own folder (the repository, or the one holding dist/). */
export const NEXTPRESS_ROOT = ((): string => {
  const root = path.resolve(__dirname, '..', '..'); // server/loading -> the project (or dist/)
  return path.basename(root) === 'dist' ? path.dirname(root) : root;
})();

const parsed = new Map<string, TsConfigResult | null>(); // get-tsconfig's own cache (read files)
const byFolder = new Map<string, TsConfigResult | undefined>();

export function findProjectConfig(folder: string): TsConfigResult | undefined {
  if (byFolder.has(folder)) return byFolder.get(folder);
  const ts = getTsconfig(folder, 'tsconfig.json', parsed);
  const js = getTsconfig(folder, 'jsconfig.json', parsed);
  let found = ts ?? js ?? undefined;
  if (ts && js && path.dirname(js.path).length > path.dirname(ts.path).length) found = js;
  if (found !== undefined && isNextpressFolder(path.dirname(found.path))) found = undefined;
  byFolder.set(folder, found);
  return found;
}

/** Development: a tsconfig/jsconfig changed; each folder's config is read again on its next route load. */
export function forgetProjectConfigs(): void {
  parsed.clear();
  byFolder.clear();
}

/** nextpress's own folder: this install, or a checkout of it (package.json named nextpress). */
function isNextpressFolder(dir: string): boolean {
  if (dir === NEXTPRESS_ROOT) return true;
  try {
    return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name === 'nextpress';
  } catch {
    return false;
  }
}
