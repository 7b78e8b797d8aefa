/**
 * @module pinInstalledNext: a project that has the real `next` installed -> its next/server,
 * next/headers, next/navigation, next/cache (and the internal paths nextpress provides) are
 * nextpress's modules for every importer, packages included (next-auth's require('next/headers'),
 * an ESM package's import 'next/server.js'), so the real Next is never run.
 *
 *   routesDir's node_modules/next is nextpress's own (or absent) -> nothing to do
 *   it is the real next  -> require.cache[<its next/server.js>] = a module whose exports are
 *                           nextpress's next/server (Node's public module cache: a later require
 *                           or import of that file gets nextpress's exports, the file never runs)
 *
 * Route files and the files they import are already covered by jiti's aliases; this is for code
 * that Node loads natively. Under jest, moduleNameMapper does the same (jest.config.js).
 */
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { moduleAliases } from './module-aliases';

export function pinInstalledNext(routesDir: string): void {
  if (process.env.JEST_WORKER_ID !== undefined) return;
  const installed = installedNextFolder(routesDir);
  if (installed === undefined) return;
  for (const [specifier, target] of Object.entries(moduleAliases())) {
    if (!specifier.startsWith('next/')) continue;
    let file: string;
    try {
      file = require.resolve(specifier, { paths: [routesDir] });
    } catch {
      continue; // a path this version of next does not have
    }
    if (!file.startsWith(installed) || require.cache[file] !== undefined) continue;
    const pinned = new Module(file);
    pinned.filename = file;
    pinned.exports = require(target);
    pinned.loaded = true;
    require.cache[file] = pinned;
  }
}

/** The folder of the real `next` the routes folder would resolve, or undefined (absent, or nextpress's). */
function installedNextFolder(routesDir: string): string | undefined {
  let manifest: string;
  try {
    manifest = require.resolve('next/package.json', { paths: [routesDir] });
  } catch {
    return undefined;
  }
  const { description } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { description?: unknown };
  if (typeof description === 'string' && description.startsWith("nextpress's own")) return undefined;
  return path.dirname(manifest) + path.sep;
}
