import { describe, expect, test } from '@jest/globals';
import { formatRouteTable } from '../../server/lifecycle/route-table';

describe('formatRouteTable', () => {
  test('aligns methods, pattern and file in columns', () => {
    const table = formatRouteTable([
      { methods: ['GET', 'POST'], pattern: '/api/users/:id', relativeFile: 'api/users/[id]/route.ts' },
      { methods: ['GET'], pattern: '/api/hello', relativeFile: 'api/hello/route.js' },
      { methods: [], pattern: '/api/empty', relativeFile: 'api/empty/route.ts' },
    ]);
    expect(table).toBe(
      [
        'GET, POST  /api/users/:id  api/users/[id]/route.ts',
        'GET        /api/hello      api/hello/route.js',
        '(none)     /api/empty      api/empty/route.ts',
      ].join('\n'),
    );
  });

  test('a route not loaded yet says so; with none loaded, the methods column is left out', () => {
    const routes = [
      { methods: ['GET'], pattern: '/api/hello', relativeFile: 'api/hello/route.js' },
      { methods: undefined, pattern: '/api/users/:id', relativeFile: 'api/users/[id]/route.ts' },
    ];
    expect(formatRouteTable(routes)).toBe(
      ['GET           /api/hello      api/hello/route.js', '(not loaded)  /api/users/:id  api/users/[id]/route.ts'].join('\n'),
    );
    expect(formatRouteTable(routes.map((route) => ({ ...route, methods: undefined })))).toBe(
      ['/api/hello      api/hello/route.js', '/api/users/:id  api/users/[id]/route.ts'].join('\n'),
    );
  });

  test('says so when there are no routes', () => {
    expect(formatRouteTable([])).toBe('(no routes)');
  });
});
