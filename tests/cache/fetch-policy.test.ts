/**
 * fetchPolicy's case table (Next 15/16's patch-fetch rules), and fetchKey's: which fetch is
 * cached for how long, what it does to a response being made, and what makes two fetches one entry.
 */
import { describe, expect, test } from '@jest/globals';
import { fetchKey } from '../../server/cache/fetch-key';
import { fetchPolicy, INFINITE_CACHE, validTags, type FetchPolicyInput } from '../../server/cache/fetch-policy';

const URL_ = 'https://api.test/x';
const base: FetchPolicyInput = {
  url: URL_,
  route: '/r',
  cache: undefined,
  revalidate: undefined,
  method: 'GET',
  credentialed: false,
  fetchCache: undefined,
  forceDynamic: false,
  forceStatic: false,
  noStore: false,
  routeRevalidate: undefined,
};

type Row = [string, Partial<FetchPolicyInput>, { revalidate: number; reason?: string; dynamic?: string; lowersRouteTo?: number; warning?: string }];

const rows: Row[] = [
  ['no options', {}, { revalidate: 0, reason: 'auto no cache' }],
  ["cache: 'default'", { cache: 'default' }, { revalidate: 0, reason: 'auto no cache' }],
  ["cache: 'force-cache'", { cache: 'force-cache' }, { revalidate: INFINITE_CACHE }],
  ['next.revalidate 60', { revalidate: 60 }, { revalidate: 60, reason: 'revalidate: 60' }],
  ['next.revalidate false', { revalidate: false }, { revalidate: INFINITE_CACHE }],
  ['next.revalidate 0', { revalidate: 0 }, { revalidate: 0 }],
  ["cache: 'no-store'", { cache: 'no-store' }, { revalidate: 0, reason: 'cache: no-store' }],
  ["cache: 'no-cache'", { cache: 'no-cache' }, { revalidate: 0, reason: 'cache: no-cache' }],
  [
    "force-cache with revalidate 0: both dropped, Next's warning",
    { cache: 'force-cache', revalidate: 0 },
    { revalidate: 0, reason: 'auto no cache', warning: 'Specified "cache: force-cache" and "revalidate: 0", only one should be specified.' },
  ],
  ['POST with revalidate 60: cached (the body is in the key)', { method: 'POST', revalidate: 60 }, { revalidate: 60 }],
  ["fetchCache 'default-cache'", { fetchCache: 'default-cache' }, { revalidate: INFINITE_CACHE, reason: 'fetchCache = default-cache' }],
  ["fetchCache 'default-cache' after unstable_noStore()", { fetchCache: 'default-cache', noStore: true }, { revalidate: 0, reason: 'noStore call' }],
  ["fetchCache 'default-no-store'", { fetchCache: 'default-no-store' }, { revalidate: 0, reason: 'fetchCache = default-no-store' }],
  ["fetchCache 'default-no-store', revalidate 60", { fetchCache: 'default-no-store', revalidate: 60 }, { revalidate: 60 }],
  ["fetchCache 'force-no-store', revalidate 60", { fetchCache: 'force-no-store', revalidate: 60 }, { revalidate: 0, reason: 'fetchCache = force-no-store' }],
  [
    "fetchCache 'only-no-store', revalidate 60: not cached (no error)",
    { fetchCache: 'only-no-store', revalidate: 60 },
    { revalidate: 0, reason: 'fetchCache = only-no-store' },
  ],
  ["fetchCache 'force-cache', no-store", { fetchCache: 'force-cache', cache: 'no-store' }, { revalidate: INFINITE_CACHE, reason: 'fetchCache = force-cache' }],
  ["fetchCache 'force-cache', revalidate 60", { fetchCache: 'force-cache', revalidate: 60 }, { revalidate: 60 }],
  ["fetchCache 'auto' (exported), no options", { fetchCache: 'auto' }, { revalidate: INFINITE_CACHE, reason: 'auto cache' }],
  ["fetchCache 'auto', while a revalidate = 30 response is made", { fetchCache: 'auto', routeRevalidate: 30 }, { revalidate: 30, reason: 'auto cache' }],
  ["fetchCache 'only-cache', no options", { fetchCache: 'only-cache' }, { revalidate: INFINITE_CACHE }],
  ["dynamic 'force-dynamic', no options", { forceDynamic: true }, { revalidate: 0 }],
  ["dynamic 'force-dynamic', revalidate 60", { forceDynamic: true, revalidate: 60 }, { revalidate: 60 }],
  ['making a revalidate = 60 response, fetch revalidate 10', { routeRevalidate: 60, revalidate: 10 }, { revalidate: 10, lowersRouteTo: 10 }],
  ['making a revalidate = 5 response, fetch revalidate 10', { routeRevalidate: 5, revalidate: 10 }, { revalidate: 10 }],
  ['making a response, force-cache', { routeRevalidate: 60, cache: 'force-cache' }, { revalidate: INFINITE_CACHE }],
  ['making a response, no options', { routeRevalidate: 60 }, { revalidate: 0, reason: 'auto no cache' }],
  ['making a response, no-store', { routeRevalidate: 60, cache: 'no-store' }, { revalidate: 0, dynamic: `revalidate: 0 fetch ${URL_} /r` }],
  ['making a response, revalidate 0', { routeRevalidate: 60, revalidate: 0 }, { revalidate: 0, dynamic: `revalidate: 0 fetch ${URL_} /r` }],
  [
    'making a response, no-store with revalidate 60 (conflict): still dynamic, and lowered',
    { routeRevalidate: 120, cache: 'no-store', revalidate: 60 },
    {
      revalidate: 0,
      dynamic: `no-store fetch ${URL_} /r`,
      lowersRouteTo: 60,
      warning: 'Specified "cache: no-store" and "revalidate: 60", only one should be specified.',
    },
  ],
  ['making a force-static response, no-store: not dynamic', { routeRevalidate: INFINITE_CACHE, forceStatic: true, cache: 'no-store' }, { revalidate: 0 }],
  ['making a response, POST with cookie and no options', { routeRevalidate: 60, method: 'POST', credentialed: true }, { revalidate: 0 }],
];

describe('fetchPolicy', () => {
  test.each(rows)('%s', (_name, input, expected) => {
    const decision = fetchPolicy({ ...base, ...input });
    expect(decision).toEqual({
      revalidate: expected.revalidate,
      reason: expected.reason ?? decision.reason,
      warning: expected.warning,
      dynamic: expected.dynamic,
      lowersRouteTo: expected.lowersRouteTo,
    });
  });

  test.each([
    [
      { fetchCache: 'only-no-store' as const, cache: 'force-cache' },
      `cache: 'force-cache' used on fetch for ${URL_} with 'export const fetchCache = 'only-no-store'`,
    ],
    [{ fetchCache: 'only-cache' as const, cache: 'no-store' }, `cache: 'no-store' used on fetch for ${URL_} with 'export const fetchCache = 'only-cache'`],
    [{ revalidate: -1 }, 'Invalid revalidate value "-1" on "/r", must be a non-negative number or false'],
    [{ revalidate: '60' }, 'Invalid revalidate value "60" on "/r", must be a non-negative number or false'],
  ])("Next's error for %j", (input, message) => {
    expect(() => fetchPolicy({ ...base, ...input })).toThrow(message);
  });
});

describe('validTags', () => {
  test('strings of at most 256 characters are kept; the rest are dropped with a warning', () => {
    const warnings: string[] = [];
    expect(validTags(['a', 1, 'x'.repeat(257), 'b'], 'fetch u', (message) => warnings.push(message))).toEqual(['a', 'b']);
    expect(warnings).toEqual([
      `Warning: invalid tags passed to fetch u: tag: "1" invalid type, must be a string; tag: "${'x'.repeat(257)}" exceeded max length of 256`,
    ]);
  });
});

describe('fetchKey', () => {
  const key = async (init: Parameters<typeof fetchKey>[1], url = URL_) => (await fetchKey(url, init)).key;

  test.each<[string, Parameters<typeof fetchKey>[1], Parameters<typeof fetchKey>[1], boolean]>([
    ['GET and get', {}, { method: 'get' }, true],
    ['header name case', { headers: { Accept: 'a' } }, { headers: { accept: 'a' } }, true],
    ['traceparent and tracestate', {}, { headers: { traceparent: '00-1-2-01', tracestate: 'x=1' } }, true],
    ['GET and POST', {}, { method: 'POST' }, false],
    ['two bodies', { method: 'POST', body: 'a' }, { method: 'POST', body: 'b' }, false],
    ['a string and its bytes (another content type)', { method: 'POST', body: 'a' }, { method: 'POST', body: new TextEncoder().encode('a') }, false],
    ['another header value', { headers: { 'x-v': '1' } }, { headers: { 'x-v': '2' } }, false],
    ['cache mode', {}, { cache: 'force-cache' }, false],
    ['form fields', { method: 'POST', body: new URLSearchParams('a=1&b=2') }, { method: 'POST', body: new URLSearchParams('a=1,b=2') }, false],
  ])('%s: same key %s', async (_name, a, b, same) => {
    expect((await key(a)) === (await key(b))).toBe(same);
  });

  test('another URL is another key; keys are fetch:<sha256>', async () => {
    expect(await key({})).toMatch(/^fetch:[0-9a-f]{64}$/);
    expect(await key({}, 'https://api.test/y')).not.toBe(await key({}));
  });

  test('a stream body is read once, keyed by its bytes, and handed back as those bytes', async () => {
    const made = await fetchKey(URL_, { method: 'POST', body: new Blob(['hello']).stream() });
    expect(Buffer.from(made.body as Uint8Array).toString()).toBe('hello');
    expect(made.key).toBe(await key({ method: 'POST', body: new TextEncoder().encode('hello') }));
  });
});
