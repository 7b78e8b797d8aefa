import { describe, expect, test } from '@jest/globals';
import { normalizePath, servedPath } from '../../server/routing/normalize-path';

describe('normalizePath', () => {
  test.each([
    ['/', undefined],
    ['/users', undefined],
    ['/users/42', undefined],
    ['/users?page=2', undefined],
    ['/?a=b', undefined],
    ['/a?next=/b//', undefined],
    ['/a?x=/', undefined],
    ['*', undefined],
    ['http://example.com//a/', undefined],
    ['', undefined],
    ['/users/', '/users'],
    ['/users/?page=2', '/users?page=2'],
    ['//users', '/users'],
    ['//', '/'],
    ['///', '/'],
    ['//?x=1', '/?x=1'],
    ['/a//b', '/a/b'],
    // Next's order: repeated slashes first (the trailing slash goes on the next request)
    ['/a//b///', '/a/b/'],
    ['/a///b//c/?q=1&r=//', '/a/b/c/?q=1&r=//'],
    ['/a//b?', '/a/b'],
    ['/a//b?x?y', '/a/b?x?y'],
    ['/a/b/?', '/a/b'],
    ['/%2F/', '/%2F'],
    // backslashes are slashes (Next's normalizeRepeatedSlashes), never a Location a browser reads as another host
    ['/\\evil.example/', '/evil.example/'],
    ['/\\/evil.example?x=1', '/evil.example?x=1'],
    ['/api\\echo', '/api/echo'],
    ['/a?b=\\', undefined],
  ])('%j -> %j', (url, expected) => {
    expect(normalizePath(url)).toBe(expected);
  });
});

describe('servedPath: where the redirects end', () => {
  test.each([
    ['/users', '/users'],
    ['/users/', '/users'],
    ['/a//b/?q=1', '/a/b?q=1'],
    ['/\\api\\auth\\signin/', '/api/auth/signin'],
    ['*', '*'],
  ])('%j -> %j', (url, expected) => {
    expect(servedPath(url)).toBe(expected);
  });
});
