/**
 * matchHas: has/missing conditions (header, cookie, query, host) against a request: a case table.
 */
import { describe, expect, test } from '@jest/globals';
import { matchHas, type HasInput, type RouteHas } from '../../server/pipeline/match-has';

const input: HasInput = {
  header: (name) => ({ 'x-tenant': 'acme', 'x-version': 'v2' })[name],
  cookie: (name) => ({ session: 'abc', beta: 'on' })[name],
  query: (name) => ({ page: '3', empty: '' })[name],
  host: 'shop.example.com',
};

describe('matchHas', () => {
  test.each<[string, RouteHas[] | undefined, RouteHas[] | undefined, Record<string, string> | undefined]>([
    ['no conditions', undefined, undefined, {}],
    ['header present: captured under its key, letters only', [{ type: 'header', key: 'X-Tenant' }], undefined, { xtenant: 'acme' }],
    ['header absent', [{ type: 'header', key: 'x-missing' }], undefined, undefined],
    ['header value regex, whole value', [{ type: 'header', key: 'x-version', value: 'v\\d' }], undefined, {}],
    ['header value regex must match all of it', [{ type: 'header', key: 'x-version', value: 'v' }], undefined, undefined],
    ['named group captured', [{ type: 'header', key: 'x-version', value: 'v(?<major>\\d)' }], undefined, { major: '2' }],
    ['cookie', [{ type: 'cookie', key: 'beta', value: 'on' }], undefined, {}],
    ['cookie with another value', [{ type: 'cookie', key: 'beta', value: 'off' }], undefined, undefined],
    ['query present', [{ type: 'query', key: 'page' }], undefined, { page: '3' }],
    ['an empty query value is absent', [{ type: 'query', key: 'empty' }], undefined, undefined],
    ['host without groups: captured as host', [{ type: 'host', value: '.*\\.example\\.com' }], undefined, { host: 'shop.example.com' }],
    ['host with a group', [{ type: 'host', value: '(?<shop>[a-z]+)\\.example\\.com' }], undefined, { shop: 'shop' }],
    ['missing satisfied', undefined, [{ type: 'cookie', key: 'nope' }], {}],
    ['missing violated', undefined, [{ type: 'cookie', key: 'session' }], undefined],
    [
      'all of has, none of missing',
      [
        { type: 'cookie', key: 'session' },
        { type: 'query', key: 'page' },
      ],
      [{ type: 'header', key: 'x-mobile' }],
      { session: 'abc', page: '3' },
    ],
    [
      'one has fails: no match',
      [
        { type: 'cookie', key: 'session' },
        { type: 'query', key: 'nope' },
      ],
      undefined,
      undefined,
    ],
  ])('%s', (_name, has, missing, expected) => {
    expect(matchHas(input, has, missing)).toEqual(expected);
  });
});
