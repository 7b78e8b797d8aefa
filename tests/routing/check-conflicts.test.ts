import { describe, expect, test } from '@jest/globals';
import { checkConflicts } from '../../server/routing/check-conflicts';
import { toRouteFile } from '../../server/routing/route-file';

const routes = (files: string[]) => files.map((file) => toRouteFile('/r', file));

describe('checkConflicts', () => {
  test.each([
    [
      ['(a)/x/route.ts', '(b)/x/route.ts'],
      `Conflicting routes at /x: route at /(a)/x/route and route at /(b)/x/route. Route files: '(a)/x/route.ts' and '(b)/x/route.ts'. Both answer /x (groups and @slots are not part of the URL): delete or move one of them.`,
    ],
    [
      ['route.ts', '(g)/route.js'],
      `Conflicting routes at /: route at /(g)/route and route at /route. Route files: '(g)/route.js' and 'route.ts'. Both answer / (groups and @slots are not part of the URL): delete or move one of them.`,
    ],
    [
      ['caf%C3%A9/route.ts', 'café/route.ts'],
      `Conflicting routes at /café: route at /caf%C3%A9/route and route at /café/route. Route files: 'caf%C3%A9/route.ts' and 'café/route.ts'. Both answer /café (groups and @slots are not part of the URL): delete or move one of them.`,
    ],
    [
      ['x/route.ts', '@a/x/route.ts'],
      `Conflicting routes at /x: route at /@a/x/route and route at /x/route. Route files: '@a/x/route.ts' and 'x/route.ts'. Both answer /x (groups and @slots are not part of the URL): delete or move one of them.`,
    ],
    [
      ['u/[id]/route.ts', 'u/[userId]/a/route.ts'],
      `You cannot use different slug names for the same dynamic path ('id' !== 'userId'). Route files: 'u/[id]/route.ts' and 'u/[userId]/a/route.ts'. Use one parameter name at this level: rename '[userId]' to '[id]' (or the other way round).`,
    ],
    [
      ['[...path]/route.ts', '[...slug]/route.ts'],
      `You cannot use different slug names for the same dynamic path ('path' !== 'slug'). Route files: '[...path]/route.ts' and '[...slug]/route.ts'. Use one parameter name at this level: rename '[...slug]' to '[...path]' (or the other way round).`,
    ],
    [
      ['docs/[...slug]/x/route.ts'],
      `Catch-all must be the last part of the URL. Route file: 'docs/[...slug]/x/route.ts'. The catch-all folder '[...slug]' already matches every path below it: move the route file up into '[...slug]' and read the rest of the URL from params.slug.`,
    ],
    [
      ['[[...s]]/[id]/route.ts'],
      `Catch-all must be the last part of the URL. Route file: '[[...s]]/[id]/route.ts'. The catch-all folder '[[...s]]' already matches every path below it: move the route file up into '[[...s]]' and read the rest of the URL from params.s.`,
    ],
    [
      ['d/[...a]/route.ts', 'd/[[...b]]/route.ts'],
      `You cannot use both an required and optional catch-all route at the same level ("[...a]" and "[[...b]]" ). Route files: 'd/[...a]/route.ts' and 'd/[[...b]]/route.ts'. '[[...b]]' already matches everything '[...a]' matches (and the bare parent too): keep only one of them.`,
    ],
    [
      ['(x)/d/[[...a]]/route.ts', '(y)/d/[...b]/route.ts'],
      `You cannot use both an optional and required catch-all route at the same level ("[[...a]]" and "[...b]"). Route files: '(x)/d/[[...a]]/route.ts' and '(y)/d/[...b]/route.ts'. '[[...a]]' already matches everything '[...b]' matches (and the bare parent too): keep only one of them.`,
    ],
    [
      ['x/route.ts', 'x/[[...slug]]/route.ts'],
      `You cannot define a route with the same specificity as a optional catch-all route ("/x" and "/x[[...slug]]"). Route files: 'x/route.ts' and 'x/[[...slug]]/route.ts'. Both answer /x: delete 'x/route.ts', or rename '[[...slug]]' to '[...slug]' so it needs at least one segment.`,
    ],
    [
      ['route.ts', '[[...slug]]/route.ts'],
      `You cannot define a route with the same specificity as a optional catch-all route ("/" and "/[[...slug]]"). Route files: 'route.ts' and '[[...slug]]/route.ts'. Both answer /: delete 'route.ts', or rename '[[...slug]]' to '[...slug]' so it needs at least one segment.`,
    ],
    [
      ['[id]/x/[id]/route.ts'],
      `You cannot have the same slug name "id" repeat within a single dynamic path. Route file: '[id]/x/[id]/route.ts'. Give each parameter in one path its own name.`,
    ],
    [
      ['[a-b]/[ab]/route.ts'],
      `You cannot have the slug names "a-b" and "ab" differ only by non-word symbols within a single dynamic path. Route file: '[a-b]/[ab]/route.ts'. Give the parameters names that differ by more than punctuation.`,
    ],
  ])('%j', (files, message) => {
    for (const order of [files, [...files].reverse()]) {
      expect(() => checkConflicts(routes(order))).toThrow(expect.objectContaining({ name: 'NextpressError', code: 'ROUTE_CONFLICT', message }));
    }
  });

  test.each([
    [['[id]/route.ts', '[...rest]/route.ts']],
    [['a/b/c/route.ts', 'a/[x]/d/route.ts']],
    [['x/[[...s]]/route.ts', 'x/y/route.ts']],
    [['[id]/a/route.ts', '[id]/b/route.ts', '[id]/route.ts']],
    [['(a)/x/route.ts', '(b)/y/route.ts', '@s/z/route.ts']],
    [['u/[id]/route.ts', 'v/[userId]/route.ts']],
    [['[...slug]/route.ts', 'o/[[...opt]]/route.ts']],
    [['files/a%2Fb/route.ts', 'files/a/b/route.ts']],
    [['route.ts', 'docs/[...slug]/route.ts', 'api/[version]/users/[id]/route.ts', '%5Fx/route.ts']],
  ])('%j is allowed', (files) => {
    expect(() => checkConflicts(routes(files))).not.toThrow();
  });
});

describe('checkConflicts: a page at a route’s URL (the scan’s notServed files)', () => {
  test.each<[string[], string[], string | undefined]>([
    [
      ['withpage/route.js'],
      ['withpage/page.tsx'],
      `Conflicting route and page at /withpage: route at /withpage/route and page at /withpage/page. Route files: 'withpage/route.js' and 'withpage/page.tsx'. A URL is served by a page or by a route handler, not both: move the route file (e.g. under api/) or delete the page.`,
    ],
    [
      ['x/route.ts'],
      ['(marketing)/x/page.mdx'],
      `Conflicting route and page at /x: route at /x/route and page at /(marketing)/x/page. Route files: 'x/route.ts' and '(marketing)/x/page.mdx'. A URL is served by a page or by a route handler, not both: move the route file (e.g. under api/) or delete the page.`,
    ],
    [['api/x/route.ts'], ['page.tsx', 'x/page.tsx', 'api/x/layout.tsx', '_private/api/x/page.tsx'], undefined],
  ])('%j + %j', (files, notServed, message) => {
    const check = () => checkConflicts(routes(files), notServed);
    if (message === undefined) expect(check).not.toThrow();
    else expect(check).toThrow(message);
  });
});
