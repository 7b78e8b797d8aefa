/**
 * @module findAppFolder: a Next project root -> the folder of its route files, as Next looks:
 *   root/app exists          -> root/app
 *   else root/src/app exists -> root/src/app
 *   neither                  -> undefined (not a Next project: a bare folder of route files)
 * Pure: the file system is asked through `isDirectory` only.
 */
import path from 'node:path';

export function findAppFolder(root: string, isDirectory: (folder: string) => boolean): string | undefined {
  return [path.join(root, 'app'), path.join(root, 'src', 'app')].find((folder) => isDirectory(folder));
}
