/**
 * @module pinInstalledPackages: the files that `next/server`, `next/headers`, `next/navigation`,
 * `next/cache` (and the internal paths nextpress provides) and `server-only` resolve to from the
 * routes folder -> nextpress's modules, for every importer, packages included (next-auth's
 * require('next/headers'), an ESM package's import 'next/server.js'). So with the real `next`
 * installed in the project, Next itself never runs, and an installed `server-only` never throws.
 *
 *   <project>/node_modules/next/server.js (the real next) -> require.cache[that file] = a module whose
 *       exports are nextpress's next/server (Node's public module cache: a later require or import
 *       of that file gets these exports, and the file never runs)
 *   nextpress's own node_modules/next (its runtime/ files) -> the same exports they load anyway
 *   <project>/node_modules/server-only/index.js           -> nextpress's empty module
 *   not resolvable (no such package, a path this next lacks) -> left alone
 *
 * client-only is not pinned: its stand-in throws when loaded, as it must, in the importer.
 * Route files and what they import are covered by jiti's aliases already; this is for code Node
 * loads natively. Under jest, moduleNameMapper does this (jest.config.js).
 */
import Module from 'node:module';
import { moduleAliases } from './module-aliases';

export function pinInstalledPackages(routesDir: string): void {
  if (process.env.JEST_WORKER_ID !== undefined) return;
  for (const [specifier, target] of Object.entries(moduleAliases())) {
    if (!specifier.startsWith('next/') && specifier !== 'server-only') continue;
    let file: string;
    try {
      file = require.resolve(specifier, { paths: [routesDir] });
    } catch {
      continue;
    }
    if (require.cache[file] !== undefined) continue;
    const pinned = new Module(file);
    pinned.filename = file;
    pinned.exports = require(target);
    pinned.loaded = true;
    require.cache[file] = pinned;
  }
}
