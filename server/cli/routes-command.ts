/**
 * @module routesCommand: `routes [dir]` prints the route table and returns it as text. Every route
 * file is imported (as `start` with PRELOAD_ROUTES does, from the project root), so the methods
 * are the module's own exports, re-exports (`export * from`) included.
 *
 *   text:   GET  /api/hello  api/hello/route.js        (the table `start` prints in development)
 *   --json: [{"pattern":"/api/hello","methods":["GET"],"file":"api/hello/route.js"}, ...]
 * A scan problem (missing folder, conflict) or a file that fails to load is thrown, for the CLI
 * to print: exit 1.
 */
import { formatRouteTable } from '../lifecycle/route-table';
import { loadRouteModule } from '../loading/load-route-module';
import { buildMethodTable } from '../loading/method-table';
import { pinInstalledPackages } from '../loading/pin-installed-packages';
import { preloadFailure } from '../loading/route-load-error';
import { checkConflicts } from '../routing/check-conflicts';
import { scanFolder } from '../routing/scan';

export interface RouteEntry {
  pattern: string;
  methods: string[];
  /** Relative to the routes folder, posix separators. */
  file: string;
}

/** The routes of a folder, in Next's precedence order, with the methods each file exports. */
export async function listRoutes(project: { routesDir: string; root?: string }): Promise<RouteEntry[]> {
  const { routes: files, notServed } = scanFolder(project.routesDir);
  checkConflicts(files, notServed);
  if (files.length > 0) pinInstalledPackages(project.routesDir);
  if (project.root !== undefined && files.length > 0) process.chdir(project.root); // top-level process.cwd() reads, as under start
  const routes: RouteEntry[] = [];
  const errors: unknown[] = [];
  for (const file of files) {
    try {
      const mod = await loadRouteModule(file.file, file.relativeFile);
      routes.push({ pattern: file.pattern, methods: buildMethodTable(mod).exported, file: file.relativeFile });
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw preloadFailure(errors, 'run routes again');
  return routes;
}

export async function routesCommand(project: { routesDir: string; root?: string }, json: boolean): Promise<string> {
  const routes = await listRoutes(project);
  if (json) return `${JSON.stringify(routes, null, 2)}\n`;
  return `${formatRouteTable(routes.map((route) => ({ pattern: route.pattern, methods: route.methods, relativeFile: route.file })))}\n`;
}
