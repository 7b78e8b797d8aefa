import { describe, expect, test } from '@jest/globals';
import { toRouteFile } from '../../server/routing/route-file';
import { createRouteTree } from '../../server/routing/route-tree';

const entries = (files: string[]) =>
  files.map((file) => {
    const route = toRouteFile('/r', file);
    return { segments: route.segments, value: route.relativeFile, relativeFile: route.relativeFile };
  });

describe('the route tree: one structure for order, conflicts and matches', () => {
  test('routes() lists the routes in Next order, twins by insertion', () => {
    const tree = createRouteTree(
      entries(['a/[...r]/route.ts', '(b)/a/z/route.ts', 'a/[x]/route.ts', '(a)/a/z/route.ts', 'a/[[...o]]/route.ts', 'route.ts', 'a/route.ts']),
      { strict: false },
    );
    expect(tree.routes()).toEqual([
      'route.ts',
      'a/route.ts',
      '(b)/a/z/route.ts',
      '(a)/a/z/route.ts',
      'a/[x]/route.ts',
      'a/[...r]/route.ts',
      'a/[[...o]]/route.ts',
    ]);
  });

  test('not strict, a route below a catch-all is ordered after it, and never matched', () => {
    const tree = createRouteTree(entries(['docs/[...slug]/x/route.ts', 'docs/[...slug]/route.ts', 'docs/route.ts']), { strict: false });
    expect(tree.routes()).toEqual(['docs/route.ts', 'docs/[...slug]/route.ts', 'docs/[...slug]/x/route.ts']);
    expect(tree.match('/docs/x')).toEqual({ value: 'docs/[...slug]/route.ts', params: { slug: ['x'] } });
  });

  test('strict (the default), insert refuses Next conflicts naming the files', () => {
    expect(() => createRouteTree(entries(['u/[id]/route.ts', 'u/[userId]/a/route.ts']))).toThrow(
      expect.objectContaining({
        code: 'ROUTE_CONFLICT',
        message:
          "You cannot use different slug names for the same dynamic path ('id' !== 'userId'). Route files: 'u/[id]/route.ts' and 'u/[userId]/a/route.ts'. Use one parameter name at this level: rename '[userId]' to '[id]' (or the other way round).",
      }),
    );
  });

  test('strict, listing refuses a route beside an optional catch-all; matching alone does not list', () => {
    const tree = createRouteTree(entries(['x/route.ts', 'x/[[...s]]/route.ts']));
    expect(tree.match('/x/a')).toEqual({ value: 'x/[[...s]]/route.ts', params: { s: ['a'] } });
    expect(() => tree.routes()).toThrow(
      expect.objectContaining({
        code: 'ROUTE_CONFLICT',
        message: `You cannot define a route with the same specificity as a optional catch-all route ("/x" and "/x[[...s]]"). Route files: 'x/route.ts' and 'x/[[...s]]/route.ts'. Both answer /x: delete 'x/route.ts', or rename '[[...s]]' to '[...s]' so it needs at least one segment.`,
      }),
    );
  });

  test('toMatch: a match is the caller object, built once for a static route', () => {
    const tree = createRouteTree(entries(['health/route.ts', 'users/[id]/route.ts']), {
      toMatch: (route: string, params) => ({ route, params, kind: 'mine' }),
    });
    const first = tree.match('/health');
    expect(first).toEqual({ route: 'health/route.ts', params: {}, kind: 'mine' });
    expect(tree.match('/health')).toBe(first);
    expect(tree.match('/users/7')).toEqual({ route: 'users/[id]/route.ts', params: { id: '7' }, kind: 'mine' });
  });
});
