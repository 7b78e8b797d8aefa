import { describe, expect, test } from '@jest/globals';
import { normalizePath } from '../../server/routing/normalize-path';

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
    ['/a//b///', '/a/b'],
    ['/a///b//c/?q=1&r=//', '/a/b/c?q=1&r=//'],
    ['/a/b/?', '/a/b?'],
    ['/%2F/', '/%2F'],
  ])('%j -> %j', (url, expected) => {
    expect(normalizePath(url)).toBe(expected);
  });
});
