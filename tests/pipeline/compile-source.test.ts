/**
 * compileSource (Next's path-to-regexp v6 syntax) and compileMatcher (proxy.ts config.matcher): case tables.
 */
import { describe, expect, test } from '@jest/globals';
import { compileSource } from '../../server/pipeline/compile-source';
import { compileMatcher } from '../../server/pipeline/compile-matcher';
import type { HasInput } from '../../server/pipeline/match-has';

describe('compileSource', () => {
  test.each([
    ['/blog/:slug', '/blog/hello', { slug: 'hello' }],
    ['/blog/:slug', '/blog/hello/more', undefined],
    ['/blog/:slug', '/BLOG/hello', { slug: 'hello' }], // case-insensitive, as Next's custom routes
    ['/blog/:slug', '/blog/hello/', undefined], // strict about the trailing slash
    ['/docs/:path*', '/docs/a/b', { path: ['a', 'b'] }],
    ['/docs/:path*', '/docs', {}],
    ['/docs/:path+', '/docs', undefined],
    ['/docs/:path+', '/docs/a', { path: ['a'] }],
    ['/post/:id(\\d+)', '/post/12', { id: '12' }],
    ['/post/:id(\\d+)', '/post/abc', undefined],
    ['/old/(.*)', '/old/x/y', {}], // unnamed groups are not params
    ['/:locale(en|fr)/about', '/fr/about', { locale: 'fr' }],
    ['/a/:b?', '/a', {}],
    ['/', '/', {}],
  ])('%s against %s', (source, pathname, expected) => {
    expect(compileSource(source)(pathname)).toEqual(expected);
  });

  test('an invalid pattern throws path-to-regexp error', () => {
    expect(() => compileSource('/a/(')).toThrow('Unbalanced pattern at 3');
  });
});

describe('compileMatcher', () => {
  const none: HasInput = { header: () => undefined, cookie: () => undefined, query: () => undefined, host: undefined };
  const withQuery: HasInput = { ...none, query: (name) => (name === 'preview' ? '1' : undefined) };

  test.each([
    ['/api/:path*', '/api', none, true],
    ['/api/:path*', '/api/a/b', none, true],
    ['/api/:path*', '/apix', none, false],
    ['/API/:path*', '/api/a', none, false], // case-sensitive
    [['/a', '/b/:id'], '/b/1', none, true],
    [['/a', '/b/:id'], '/c', none, false],
    ['/((?!_next/static|favicon.ico).*)', '/favicon.ico', none, false],
    ['/((?!_next/static|favicon.ico).*)', '/api/x', none, true],
    [{ source: '/x', has: [{ type: 'query', key: 'preview' }] }, '/x', none, false],
    [{ source: '/x', has: [{ type: 'query', key: 'preview' }] }, '/x', withQuery, true],
    [{ source: '/x', missing: [{ type: 'query', key: 'preview' }] }, '/x', withQuery, false],
  ])('%j against %s', (matcher, pathname, input, expected) => {
    expect(compileMatcher(matcher, './proxy.ts')!(pathname, input)).toBe(expected);
  });

  test('no matcher: every path (undefined); a bad one names the file', () => {
    expect(compileMatcher(undefined, './proxy.ts')).toBeUndefined();
    expect(() => compileMatcher('api', './proxy.ts')).toThrow('Invalid `config.matcher` in ./proxy.ts: "api" must start with /.');
    expect(() => compileMatcher([42], './proxy.ts')).toThrow('Invalid `config.matcher` in ./proxy.ts: expected a string or { source }, got 42.');
    expect(() => compileMatcher({ source: '/x', has: [{ type: 'header', key: 'a', value: '[' }] }, './proxy.ts')).toThrow(
      'Invalid `config.matcher` in ./proxy.ts: the `value` of a condition of "/x" is not a valid regular expression (Invalid regular expression: /^[$/: Unterminated character class).',
    );
  });
});
