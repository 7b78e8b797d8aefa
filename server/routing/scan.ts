/**
 * @module scanRoutes: a routes folder -> its route files as plain records, in Next's precedence order.
 * scanFolder: the same, plus the page, layout, metadata and style files found (not served).
 */
import fs from 'node:fs';
import path from 'node:path';
import { NextpressError } from '../errors';
import { isNotServed } from './not-served';
import { toRouteFile } from './route-file';
import { sortRoutes } from './sort-routes';
import type { RouteFile } from './types';

const ROUTE_FILE_NAMES = new Set(['route.ts', 'route.js', 'route.mjs', 'route.cjs', 'route.tsx', 'route.jsx']);

/**
 * Walks `routesDir` synchronously and returns one record per route file (`route.{ts,js,mjs,cjs,tsx,jsx}`),
 * sorted with sortRoutes. Skips private folders (`_x`) and `node_modules`; dot folders are routed
 * as in Next (`.well-known/...`); follows symlinks (a symlink loop is walked once). Nothing is imported.
 *
 *   routes/health/route.ts, routes/users/[id]/route.ts -> [{ pattern: '/health' }, { pattern: '/users/[id]' }]
 *   routes/(admin)/stats/route.js                      -> [{ pattern: '/stats', relativeFile: '(admin)/stats/route.js' }]
 *   routes/_lib/route.ts, routes/node_modules/x/route.ts -> []
 *   routes/.well-known/openid-configuration/route.ts  -> [{ pattern: '/.well-known/openid-configuration' }]
 *   routes/x/route.ts + routes/x/route.js              -> throws NextpressError ROUTE_CONFLICT
 *   routes/[[id]]/route.ts                             -> throws NextpressError BAD_SEGMENT naming '[[id]]'
 *   a missing or non-folder routesDir                  -> throws NextpressError ROUTES_DIR
 */
export function scanRoutes(routesDir: string): RouteFile[] {
  return scanFolder(routesDir).routes;
}

export interface FolderScan {
  /** The route files, as scanRoutes returns them. */
  routes: RouteFile[];
  /** Posix paths (relative to the routes folder, sorted) of the files isNotServed names: pages, layouts, metadata, styles. */
  notServed: string[];
}

/**
 * scanRoutes, also listing what it left out (outside private folders and node_modules):
 *
 *   app/page.tsx, app/layout.tsx, app/api/x/route.ts -> { routes: [/api/x], notServed: ['layout.tsx', 'page.tsx'] }
 */
export function scanFolder(routesDir: string): FolderScan {
  const root = path.resolve(routesDir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
  } catch (error) {
    throw new NextpressError(
      `The routes folder '${root}' does not exist. Create it and put route files in it (e.g. 'health/route.ts'), or set ROUTES_DIR to the folder that holds them.`,
      { code: 'ROUTES_DIR', cause: error },
    );
  }
  if (!stat.isDirectory()) {
    throw new NextpressError(`The routes folder '${root}' is not a folder. Set ROUTES_DIR to the folder that holds your route files (e.g. 'routes').`, {
      code: 'ROUTES_DIR',
    });
  }

  const relativeFiles: string[] = [];
  const notServed: string[] = [];
  walk(root, '', { found: relativeFiles, notServed }, new Set());
  return { routes: sortRoutes(relativeFiles.map((relativeFile) => toRouteFile(root, relativeFile))), notServed: notServed.sort() };
}

/** Collects the route files under `dir` (whose path below the root is `prefix`) into `found`, pages and the like into `notServed`. */
function walk(dir: string, prefix: string, into: { found: string[]; notServed: string[] }, symlinkedDirs: Set<string>): void {
  const { found } = into;
  let routeFile: string | undefined;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const { name } = entry;
    let isFile = entry.isFile();
    let isDirectory = entry.isDirectory();
    let realDir: string | undefined;
    if (entry.isSymbolicLink()) {
      const target = statOrUndefined(path.join(dir, name));
      if (target === undefined) continue; // a broken link
      isFile = target.isFile();
      isDirectory = target.isDirectory();
      if (isDirectory) {
        realDir = fs.realpathSync(path.join(dir, name));
        if (symlinkedDirs.has(realDir)) continue; // a loop back into a folder being walked
      }
    }

    if (isFile && ROUTE_FILE_NAMES.has(name)) {
      const relativeFile = prefix + name;
      if (routeFile !== undefined) {
        const [first, second] = [routeFile, relativeFile].sort();
        throw new NextpressError(
          `Two route files in one folder: '${first}' and '${second}'. A folder has one route file; delete one of them (or merge their methods into one file).`,
          { code: 'ROUTE_CONFLICT' },
        );
      }
      routeFile = relativeFile;
      found.push(relativeFile);
    } else if (isFile && isNotServed(name)) {
      into.notServed.push(prefix + name);
    } else if (isDirectory && !name.startsWith('_') && name !== 'node_modules') {
      if (realDir !== undefined) symlinkedDirs.add(realDir);
      walk(path.join(dir, name), `${prefix}${name}/`, into, symlinkedDirs);
      if (realDir !== undefined) symlinkedDirs.delete(realDir);
    }
  }
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}
