/**
 * @module routesCommand: `routes [dir]` prints the route table (scan and conflict check only;
 * no route file is imported) and returns the exit code.
 *
 *   text:   GET  /api/hello  api/hello/route.js        (the table `start` prints in development)
 *   --json: [{"pattern":"/api/hello","methods":["GET"],"file":"api/hello/route.js"}, ...]
 * A scan problem (missing folder, conflict) is thrown, for the CLI to print: exit 1.
 */
import { formatRouteTable } from '../lifecycle/route-table';
import { readRouteFiles } from '../loading/read-route-files';
import { checkConflicts } from '../routing/check-conflicts';
import { scanRoutes } from '../routing/scan';

export interface RouteEntry {
  pattern: string;
  methods: string[];
  /** Relative to the routes folder, posix separators. */
  file: string;
}

/** The routes of a folder, in Next's precedence order, with the methods each file exports. */
export function listRoutes(routesDir: string): RouteEntry[] {
  const files = scanRoutes(routesDir);
  checkConflicts(files);
  return readRouteFiles(files).map((route) => ({ pattern: route.pattern, methods: route.declaredMethods, file: route.relativeFile }));
}

export function routesCommand(routesDir: string, json: boolean): string {
  const routes = listRoutes(routesDir);
  if (json) return `${JSON.stringify(routes, null, 2)}\n`;
  return `${formatRouteTable(routes.map((route) => ({ pattern: route.pattern, methods: route.methods, relativeFile: route.file })))}\n`;
}
