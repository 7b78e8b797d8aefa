/**
 * @module formatRouteTable: the routes as aligned text for the start-up banner and `routes`.
 * Methods are known once a file is loaded (preload, `routes`); before that the column is left out.
 *
 *   [{ methods: ['GET', 'POST'], pattern: '/api/users/:id', relativeFile: 'api/users/[id]/route.ts' },
 *    { methods: ['GET'], pattern: '/api/hello', relativeFile: 'api/hello/route.js' }]
 *   →
 *   GET, POST  /api/users/:id  api/users/[id]/route.ts
 *   GET        /api/hello      api/hello/route.js
 *
 *   methods [] -> '(none)'; methods undefined -> '(not loaded)'; no route loaded -> pattern and file only
 */
import type { RouteInfo } from '../app';

export function formatRouteTable(routes: readonly RouteInfo[]): string {
  if (routes.length === 0) return '(no routes)';
  if (routes.every((route) => route.methods === undefined)) {
    const width = Math.max(...routes.map((route) => route.pattern.length));
    return routes.map((route) => `${route.pattern.padEnd(width)}  ${route.relativeFile}`).join('\n');
  }
  const rows = routes.map((route) => [route.methods === undefined ? '(not loaded)' : route.methods.join(', ') || '(none)', route.pattern, route.relativeFile]);
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map(([methods, pattern, file]) => `${methods.padEnd(widths[0])}  ${pattern.padEnd(widths[1])}  ${file}`).join('\n');
}
