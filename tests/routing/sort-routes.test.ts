import { describe, expect, test } from '@jest/globals';
import { sortRoutes } from '../../server/routing/sort-routes';
import { toRouteFile } from '../../server/routing/route-file';

const routes = (files: string[]) => files.map((file) => toRouteFile('/r', file));
const patterns = (files: string[]) => sortRoutes(routes(files)).map((route) => route.relativeFile);

describe('sortRoutes', () => {
  test.each([
    [
      'static before dynamic, own route first',
      ['[id]/route.ts', 'b/route.ts', 'route.ts', 'a/route.ts'],
      ['route.ts', 'a/route.ts', 'b/route.ts', '[id]/route.ts'],
    ],
    [
      'static, param, catch-all, optional at one level',
      ['a/[...r]/route.ts', 'a/[x]/route.ts', 'a/[[...o]]/route.ts', 'a/z/route.ts'],
      ['a/z/route.ts', 'a/[x]/route.ts', 'a/[...r]/route.ts', 'a/[[...o]]/route.ts'],
    ],
    [
      'depth first: a subtree before the next sibling',
      ['a/[x]/d/route.ts', 'a/route.ts', 'a/b/c/route.ts', 'b/route.ts'],
      ['a/route.ts', 'a/b/c/route.ts', 'a/[x]/d/route.ts', 'b/route.ts'],
    ],
    ['parent route before children', ['[x]/y/route.ts', '[x]/route.ts'], ['[x]/route.ts', '[x]/y/route.ts']],
    ['code-unit order, upper case first', ['b/route.ts', 'B/route.ts', 'a/route.ts', 'é/route.ts'], ['B/route.ts', 'a/route.ts', 'b/route.ts', 'é/route.ts']],
    ['groups leave the URL', ['(z)/a/route.ts', '(a)/b/route.ts'], ['(z)/a/route.ts', '(a)/b/route.ts']],
    ['same URL: ties by relativeFile', ['(b)/x/route.ts', '(a)/x/route.ts'], ['(a)/x/route.ts', '(b)/x/route.ts']],
    [
      'a static dead end before a param',
      ['api/[v]/users/route.ts', 'api/v1/route.ts', 'api/v1/[...rest]/route.ts', 'api/route.ts'],
      ['api/route.ts', 'api/v1/route.ts', 'api/v1/[...rest]/route.ts', 'api/[v]/users/route.ts'],
    ],
  ])('%s', (_name, input, expected) => {
    expect(patterns(input)).toEqual(expected);
    expect(patterns([...input].reverse())).toEqual(expected);
  });
});
