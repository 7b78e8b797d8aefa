/**
 * @module routeForModule / routeForFile: what testRoute serves, as the one entry of a route table.
 *
 *   routeForModule(mod, '/api/items/1', { id: '1' })  -> pattern '/api/items/[id]', the module already
 *                                                       loaded (it is not imported again)
 *   routeForModule(mod, '/docs/a/b', { slug: ['a', 'b'] }) -> pattern '/docs/[...slug]'
 *   routeForModule(mod, '/x', { id: '1' })            -> throws: '1' is no segment of '/x'
 *   routeForFile('app/api/items/[id]/route.ts')       -> { routesDir: 'app', pattern '/api/items/[id]' },
 *                                                       imported by the server's own loader (jiti)
 *   routeForFile('lib/x.ts')                          -> throws: not a route file under an app/ folder
 *   routeForFile('app/nope/route.ts')                 -> throws: no such file (and where it looked)
 */
import fs from 'node:fs';
import path from 'node:path';
import { NextpressError } from '../errors';
import { buildMethodTable } from '../loading/method-table';
import { readMaxDuration, toRoute, type Route } from '../loading/route';
import { toRouteFile } from '../routing/route-file';

export type RouteParamsInput = Record<string, string | string[] | undefined>;

const ROUTE_FILE = /^route\.(ts|js|mjs|cjs|tsx|jsx)$/;

/** A folder name that reads back as exactly this URL segment (no group, slot, private or dynamic meaning). */
function staticFolder(segment: string): string {
  return /^[_(@[]/.test(segment) ? `%${segment.charCodeAt(0).toString(16).toUpperCase()}${segment.slice(1)}` : segment;
}

/** A route whose pattern has `params` where their values are in `pathname`; the module is its loaded code. */
export function routeForModule(mod: Record<string, unknown>, pathname: string, params: RouteParamsInput): Route {
  const parts = pathname.split('/').filter((part) => part !== '');
  const decoded = parts.map((part) => decodeURIComponent(part));
  const folders = parts.map(staticFolder);
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue; // an empty optional catch-all
    const values = Array.isArray(value) ? value : [value];
    const at = lastRun(decoded, values, folders);
    if (at === -1) {
      throw new NextpressError(
        `testRoute: params.${name} (${JSON.stringify(value)}) is not ${Array.isArray(value) ? 'a run of segments' : 'a segment'} of the url '${pathname}', so the route's pattern cannot be told. Put the value in the url, or pass the route file's path (testRoute('app/.../route.ts', ...)) to have params read from it.`,
        { code: 'TEST_ROUTE' },
      );
    }
    folders.splice(at, values.length, Array.isArray(value) ? `[...${name}]` : `[${name}]`);
    decoded.splice(at, values.length, '\0');
  }
  const file = toRouteFile(process.cwd(), [...folders, 'route.ts'].join('/'));
  const methods = buildMethodTable(mod);
  return {
    ...file,
    file: '(the module given to testRoute)',
    loaded: { module: mod, table: methods, maxDurationMs: readMaxDuration(mod) },
    loading: undefined,
  };
}

/** Index of the last run of `values` in `segments` still free (a static folder), or -1. */
function lastRun(segments: string[], values: string[], folders: string[]): number {
  for (let i = segments.length - values.length; i >= 0; i--) {
    if (values.every((value, j) => segments[i + j] === value && !folders[i + j].startsWith('['))) return i;
  }
  return -1;
}

/** A route file's path -> its routes folder (the nearest `app` folder above it) and its route, not yet imported. */
export function routeForFile(file: string): { routesDir: string; route: Route } {
  const absolute = path.resolve(file);
  const parts = absolute.split(path.sep);
  const appAt = parts.lastIndexOf('app');
  if (!ROUTE_FILE.test(path.basename(absolute)) || appAt === -1) {
    throw new NextpressError(
      `testRoute: '${file}' is not a route file inside an app/ folder (app/**/route.ts), so its URL pattern cannot be told. Pass the path of the route file, or import the module and pass it with { url, params }.`,
      { code: 'TEST_ROUTE' },
    );
  }
  if (!fs.existsSync(absolute)) {
    throw new NextpressError(
      `testRoute: the route file '${file}' does not exist (looked for ${absolute}). Check the path: it is relative to the folder the tests run in (${process.cwd()}).`,
      {
        code: 'TEST_ROUTE',
      },
    );
  }
  const routesDir = parts.slice(0, appAt + 1).join(path.sep);
  return { routesDir, route: toRoute(toRouteFile(routesDir, parts.slice(appAt + 1).join('/'))) };
}
