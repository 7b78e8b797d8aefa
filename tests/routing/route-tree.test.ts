import { describe, expect, test } from '@jest/globals';
import { createRouteTree } from '../../server/routing/route-tree';
import { toRouteFile } from '../../server/routing/route-file';
import { sortRoutes } from '../../server/routing/sort-routes';

const FILES = [
  'route.ts',
  'api/health/route.ts',
  'users/[id]/route.ts',
  'users/[id]/posts/[postId]/route.ts',
  'users/me/route.ts',
  'docs/[...slug]/route.ts',
  'shop/[[...slug]]/route.ts',
  'shop/cart/route.ts',
  'a/b/c/route.ts',
  'a/[x]/d/route.ts',
  'café/route.ts',
  '%5Finternal/route.ts',
  'files/a%2Fb/route.ts',
  'files/100%25/route.ts',
  'Case/route.ts',
  '(group)/grouped/route.ts',
  'v/[version]/route.ts',
  'v/[version]/[...rest]/route.ts',
];

const routes = FILES.map((file) => toRouteFile('/r', file));
const tree = createRouteTree(routes.map((route) => ({ segments: route.segments, value: route.relativeFile })));

describe('createRouteTree', () => {
  test.each([
    ['/', 'route.ts', {}],
    ['/api/health', 'api/health/route.ts', {}],
    ['/users/42', 'users/[id]/route.ts', { id: '42' }],
    ['/users/me', 'users/me/route.ts', {}],
    ['/users/42/posts/7', 'users/[id]/posts/[postId]/route.ts', { id: '42', postId: '7' }],
    ['/users/me/posts/7', 'users/[id]/posts/[postId]/route.ts', { id: 'me', postId: '7' }],
    ['/users/a%20b', 'users/[id]/route.ts', { id: 'a b' }],
    ['/users/%E2%9C%93', 'users/[id]/route.ts', { id: '✓' }],
    ['/docs/a', 'docs/[...slug]/route.ts', { slug: ['a'] }],
    ['/docs/a/b/c', 'docs/[...slug]/route.ts', { slug: ['a', 'b', 'c'] }],
    ['/docs/a%2Fb', 'docs/[...slug]/route.ts', { slug: ['a/b'] }],
    ['/docs/a%2Fb/c', 'docs/[...slug]/route.ts', { slug: ['a/b', 'c'] }],
    ['/shop', 'shop/[[...slug]]/route.ts', {}],
    ['/shop/cart', 'shop/cart/route.ts', {}],
    ['/shop/cart/x', 'shop/[[...slug]]/route.ts', { slug: ['cart', 'x'] }],
    ['/shop/a/b', 'shop/[[...slug]]/route.ts', { slug: ['a', 'b'] }],
    ['/a/b/c', 'a/b/c/route.ts', {}],
    ['/a/b/d', 'a/[x]/d/route.ts', { x: 'b' }],
    ['/caf%C3%A9', 'café/route.ts', {}],
    ['/café', 'café/route.ts', {}],
    ['/_internal', '%5Finternal/route.ts', {}],
    ['/%5Finternal', '%5Finternal/route.ts', {}],
    ['/files/a%2Fb', 'files/a%2Fb/route.ts', {}],
    ['/files/100%25', 'files/100%25/route.ts', {}],
    ['/%61pi/health', 'api/health/route.ts', {}],
    ['/Case', 'Case/route.ts', {}],
    ['/grouped', '(group)/grouped/route.ts', {}],
    ['/v/2', 'v/[version]/route.ts', { version: '2' }],
    ['/v/2/a/b', 'v/[version]/[...rest]/route.ts', { version: '2', rest: ['a', 'b'] }],
    ['/case', undefined, undefined],
    ['/api', undefined, undefined],
    ['/api/health/x', undefined, undefined],
    ['/users', undefined, undefined],
    ['/docs', undefined, undefined],
    ['/a/b', undefined, undefined],
    ['/a/x/c', undefined, undefined],
    ['/files/a/b', undefined, undefined],
    ['*', undefined, undefined],
  ])('%s -> %s %j', (pathname, value, params) => {
    expect(tree.match(pathname)).toEqual(value === undefined ? undefined : { value, params });
  });

  test.each([['/users/%ZZ'], ['/users/%E2%9C'], ['/nope/%']])('%s -> 400 BAD_PATH', (pathname) => {
    expect(() => tree.match(pathname)).toThrow(
      expect.objectContaining({ name: 'NextpressError', status: 400, code: 'BAD_PATH', message: `Malformed percent-encoding in the URL path '${pathname}'.` }),
    );
  });

  test('equals the first match in sorted order, for every path over a route set', () => {
    const files = [
      'a/route.ts',
      'a/b/route.ts',
      'a/[p]/route.ts',
      'a/[p]/c/route.ts',
      'a/b/[q]/route.ts',
      'a/[...r]/route.ts',
      '[x]/b/route.ts',
      '[x]/[...y]/route.ts',
      'o/[[...z]]/route.ts',
      'o/b/c/route.ts',
    ];
    const sorted = sortRoutes(files.map((file) => toRouteFile('/r', file)));
    const local = createRouteTree(sorted.map((route) => ({ segments: route.segments, value: route.relativeFile })));
    const words = ['a', 'b', 'c', 'o'];
    const paths = ['/'];
    for (let depth = 1; depth <= 3; depth++) {
      for (const path of paths.filter((p) => p.split('/').length === depth)) {
        for (const word of words) paths.push(path === '/' ? `/${word}` : `${path}/${word}`);
      }
    }
    for (const path of paths) {
      const parts = path === '/' ? [] : path.slice(1).split('/');
      const first = sorted.find((route) => matches(route.segments, parts));
      expect([path, local.match(path)?.value]).toEqual([path, first?.relativeFile]);
    }
  });

  test('entries with a catch-all before the end are refused', () => {
    const segments = toRouteFile('/r', 'docs/[...slug]/x/route.ts').segments;
    expect(() => createRouteTree([{ segments, value: 1 }])).toThrow(
      expect.objectContaining({ code: 'ROUTE_CONFLICT', message: "Catch-all must be the last part of the URL (segment 2 of 3, 'slug')." }),
    );
  });

  test('a static hit returns the same frozen result (no allocation)', () => {
    const first = tree.match('/api/health');
    expect(tree.match('/api/health')).toBe(first);
    expect(Object.isFrozen(first?.params)).toBe(true);
  });
});

/** The reference: does one route's segment list match these path parts? */
function matches(segments: ReturnType<typeof toRouteFile>['segments'], parts: string[]): boolean {
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.kind === 'catchAll') return parts.length > i;
    if (segment.kind === 'optionalCatchAll') return true;
    if (i >= parts.length) return false;
    if (segment.kind === 'static' && segment.value !== parts[i]) return false;
  }
  return segments.length === parts.length;
}
