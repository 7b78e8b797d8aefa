/**
 * buildDestination: destination + params + request query -> the URL (Next's prepare-destination
 * rules): a case table.
 */
import { describe, expect, test } from '@jest/globals';
import { buildDestination, formatDestination } from '../../server/pipeline/build-destination';
import type { Params } from '../../server/pipeline/compile-source';

describe('buildDestination', () => {
  test.each<[string, Params, string, boolean, string]>([
    ['/news/:slug', { slug: 'a' }, '', false, '/news/a'],
    ['/news/:slug', { slug: 'a' }, 'x=1', false, '/news/a?x=1'],
    ['/api/:path*', { path: ['a', 'b'] }, '', true, '/api/a/b'],
    ['/api/:path*', { path: [] }, '', true, '/api'],
    ['/search?q=:term', { term: 'cats' }, '', false, '/search?q=cats'],
    ['/search?q=:term', { term: 'cats' }, 'q=dogs&page=2', false, '/search?page=2&q=cats'], // the destination's key wins
    ['/list', { page: '2' }, '', true, '/list?page=2'], // rewrite: unused params go to the query
    ['/list', { page: '2' }, '', false, '/list'], // redirect: they do not
    ['/list/:page', { page: '2', sort: 'asc' }, '', true, '/list/2'], // a param used: none appended
    ['/list?page=1', { page: '2' }, '', true, '/list?page=1'], // never over the destination's own
    ['/a?tag=x&tag=y', {}, 'tag=z', false, '/a?tag=x&tag=y'],
    ['/a b', {}, 'q=a b', false, '/a b?q=a%20b'],
    ['https://:sub.example.com/x', { sub: 'eu' }, '', false, 'https://eu.example.com/x'],
    ['https://example.com', {}, 'x=1', false, 'https://example.com/?x=1'],
    ['http://127.0.0.1::port/:path*', { port: '8080', path: ['a'] }, '', true, 'http://127.0.0.1:8080/a'],
    ['/b#section-:id', { id: '3' }, '', false, '/b#section-3'],
  ])('%s with %j and ?%s (rewrite: %s)', (destination, params, search, rewrite, expected) => {
    const query = [...new URLSearchParams(search)];
    expect(formatDestination(buildDestination({ destination, params, query, appendParamsToQuery: rewrite }))).toBe(expected);
  });

  test('external destinations have an origin; internal ones none, and take a basePath prefix', () => {
    expect(buildDestination({ destination: 'https://a.test/x', params: {}, query: [], appendParamsToQuery: true }).origin).toBe('https://a.test');
    const internal = buildDestination({ destination: '/x', params: {}, query: [], appendParamsToQuery: true });
    expect(internal.origin).toBeUndefined();
    expect(formatDestination(internal, '/docs')).toBe('/docs/x');
  });

  test("a multi-match into a single param throws Next's message", () => {
    expect(() => buildDestination({ destination: '/a/:path', params: { path: ['x', 'y'] }, query: [], appendParamsToQuery: false })).toThrow(
      'To use a multi-match in the destination you must add `*` at the end of the param name to signify it should repeat. https://nextjs.org/docs/messages/invalid-multi-match',
    );
  });
});
