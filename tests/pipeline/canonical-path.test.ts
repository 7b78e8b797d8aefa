/**
 * canonicalPath (basePath, trailingSlash) and findProjectRoot: case tables.
 */
import { describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { canonicalPath } from '../../server/pipeline/canonical-path';
import { findProjectRoot } from '../../server/loading/find-project-root';

describe('canonicalPath', () => {
  test.each<[string, string, boolean, { path: string; canonical: string } | undefined]>([
    ['/x', '', false, { path: '/x', canonical: '/x' }],
    ['/x/', '', false, { path: '/x', canonical: '/x' }],
    ['//a//b', '', false, { path: '/a/b', canonical: '/a/b' }],
    // Next's first redirect: backslashes and repeated slashes, the trailing slash left for the next request
    ['/a//b/', '', false, { path: '/a/b', canonical: '/a/b/' }],
    ['/\\evil.example/', '', false, { path: '/evil.example', canonical: '/evil.example/' }],
    ['/api\\echo', '', false, { path: '/api/echo', canonical: '/api/echo' }],
    ['//docs//a', '/docs', false, { path: '/a', canonical: '/docs/a' }],
    ['/x//y', '', true, { path: '/x/y', canonical: '/x/y' }],
    ['/', '', false, { path: '/', canonical: '/' }],
    ['/x', '', true, { path: '/x', canonical: '/x/' }],
    ['/x/', '', true, { path: '/x', canonical: '/x/' }],
    ['/a.txt', '', true, { path: '/a.txt', canonical: '/a.txt' }],
    ['/.well-known/x', '', true, { path: '/.well-known/x', canonical: '/.well-known/x/' }],
    ['/', '', true, { path: '/', canonical: '/' }],
    ['/docs', '/docs', false, { path: '/', canonical: '/docs' }],
    ['/docs/', '/docs', false, { path: '/', canonical: '/docs' }],
    ['/docs', '/docs', true, { path: '/', canonical: '/docs/' }],
    ['/docs/a/', '/docs', false, { path: '/a', canonical: '/docs/a' }],
    ['/docsx', '/docs', false, undefined],
    ['/x', '/docs', false, undefined],
  ])('%s (basePath %j, trailingSlash %s)', (pathname, basePath, trailingSlash, expected) => {
    expect(canonicalPath(pathname, basePath, trailingSlash)).toEqual(expected);
  });
});

describe('findProjectRoot', () => {
  const root = path.resolve('/srv/shop');
  test.each([
    [path.join(root, 'app'), root],
    [path.join(root, 'src', 'app'), root],
    [path.join(root, 'routes'), undefined],
    [path.join(root, 'app', 'api'), undefined],
  ])('%s -> %s', (routesDir, expected) => {
    expect(findProjectRoot(routesDir)).toBe(expected);
  });
});
