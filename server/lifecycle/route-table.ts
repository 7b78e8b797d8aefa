/**
 * @module formatRouteTable: the routes as aligned text for the start-up banner.
 *
 *   [{ methods: ['GET', 'POST'], pattern: '/api/users/:id', relativeFile: 'api/users/[id]/route.ts' },
 *    { methods: ['GET'], pattern: '/api/hello', relativeFile: 'api/hello/route.js' }]
 *   →
 *   GET, POST  /api/users/:id  api/users/[id]/route.ts
 *   GET        /api/hello      api/hello/route.js
 */
import type { RouteInfo } from '../app';

export function formatRouteTable(routes: readonly RouteInfo[]): string {
  if (routes.length === 0) return '(no routes)';
  const rows = routes.map((route) => [route.methods.join(', ') || '(none)', route.pattern, route.relativeFile]);
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map(([methods, pattern, file]) => `${methods.padEnd(widths[0])}  ${pattern.padEnd(widths[1])}  ${file}`).join('\n');
}
