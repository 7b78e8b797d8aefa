/**
 * The cache's pure parts: Next's Cache-Control strings, implicit tags, the memory bounds, and
 * next/cache argument handling.
 */
import { describe, expect, test } from '@jest/globals';
import { getCacheControlHeader } from '../../server/cache/cache-control';
import { pageTags, revalidatePathTags, toPage } from '../../server/cache/implicit-tags';
import { createMemoryCache } from '../../server/cache/memory-cache';
import { pathOf } from '../../server/cache/route-plan';
import type { CacheEntry } from '../../server/cache/cache-handler';
import { unstable_cache, updateTag } from '../../server/next/cache';

describe('getCacheControlHeader (Next 15/16, expireTime one year)', () => {
  test.each([
    [{ revalidate: false as const, expire: undefined }, 's-maxage=31536000'],
    [{ revalidate: 60, expire: 31536000 }, 's-maxage=60, stale-while-revalidate=31535940'],
    [{ revalidate: 1, expire: 31536000 }, 's-maxage=1, stale-while-revalidate=31535999'],
    [{ revalidate: 31536000, expire: 31536000 }, 's-maxage=31536000'],
    [{ revalidate: 900, expire: 3600 }, 's-maxage=900, stale-while-revalidate=2700'],
  ])('%j -> %s', (life, header) => {
    expect(getCacheControlHeader(life)).toBe(header);
  });
});

describe('pathOf: the cache key’s path (the path served, canonical encoding)', () => {
  test.each<[{ baseUrl?: string; url: string }, string]>([
    [{ url: '/a?b=1' }, '/a'],
    [{ url: '/api/cached' }, '/api/cached'],
    [{ url: '/api/%63ached' }, '/api/cached'],
    [{ url: '/caf%c3%a9' }, '/caf%C3%A9'],
    [{ url: '/caf%C3%A9?x=%ZZ' }, '/caf%C3%A9'],
    [{ url: '/a%2Fb' }, '/a%2Fb'],
    [{ url: '/a%40b/%3A' }, '/a@b/:'],
    [{ url: '/a%20b' }, '/a%20b'],
    [{ url: '/%ZZ/%61' }, '/%ZZ/a'],
    [{ baseUrl: '/v1', url: '/items' }, '/v1/items'],
  ])('%j -> %j', (req, expected) => {
    expect(pathOf(req)).toBe(expected);
  });
});

describe('implicit tags', () => {
  test('a route file and its URL path', () => {
    expect(toPage('api/posts/[id]/route.ts')).toBe('/api/posts/[id]/route');
    expect(toPage('(shop)/cart/route.js')).toBe('/(shop)/cart/route');
    expect(pageTags('/api/posts/[id]/route')).toEqual([
      '_N_T_/layout',
      '_N_T_/api/layout',
      '_N_T_/api/posts/layout',
      '_N_T_/api/posts/[id]/layout',
      '_N_T_/api/posts/[id]/route',
    ]);
    expect(pageTags('/route')).toEqual(['_N_T_/layout', '_N_T_/route']);
  });

  test.each([
    [['/api/posts/7'], ['_N_T_/api/posts/7']],
    [['/api/posts/'], ['_N_T_/api/posts']],
    [['/api/posts/[id]', 'layout'], ['_N_T_/api/posts/[id]/layout']],
    [['/', 'layout'], ['_N_T_/layout']],
    [['/'], ['_N_T_/', '_N_T_/index']],
  ] as Array<[[string, ('layout' | 'page')?], string[]]>)('revalidatePath(%j) -> %j', ([pathname, type], tags) => {
    expect(revalidatePathTags(pathname, type)).toEqual(tags);
  });
});

function entry(bytes: number, tags: string[] = []): CacheEntry {
  return { status: 200, headers: [], body: Buffer.alloc(bytes), tags, createdAt: 0, staleAt: null, expireAt: null };
}

describe('memory cache', () => {
  test('keeps at most maxEntries, evicting the least recently used', () => {
    const cache = createMemoryCache({ maxEntries: 2 });
    cache.set('a', entry(1));
    cache.set('b', entry(1));
    cache.get('a');
    cache.set('c', entry(1));
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')).toBeDefined();
  });

  test('keeps at most maxBytes; an entry bigger than the whole cache is not kept', () => {
    const cache = createMemoryCache({ maxBytes: 3000 });
    cache.set('a', entry(1000));
    cache.set('b', entry(1000));
    cache.set('c', entry(1000));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')).toBeDefined();
    cache.set('huge', entry(10_000));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('c')).toBeDefined();
  });

  test('revalidateTag deletes, or with an expiry marks stale, only the tagged entries', () => {
    const cache = createMemoryCache();
    cache.set('a', entry(1, ['posts']));
    cache.set('b', entry(1, ['users']));
    cache.revalidateTag(['posts'], { expire: 60 });
    const stale = cache.get('a') as CacheEntry;
    expect(stale.staleAt).toBe(0);
    expect(stale.expireAt).toBeGreaterThan(Date.now() + 59_000);
    cache.revalidateTag(['posts']);
    expect(cache.get('a')).toBeUndefined();
    expect((cache.get('b') as CacheEntry).staleAt).toBeNull();
  });

  test('an evicted or replaced entry leaves its tags: revalidating an old tag spares the new entry', () => {
    const cache = createMemoryCache();
    cache.set('a', entry(1, ['old']));
    cache.set('a', entry(1, ['new']));
    cache.revalidateTag(['old']);
    expect(cache.get('a')).toBeDefined();
  });
});

describe('next/cache arguments', () => {
  test("unstable_cache refuses revalidate: 0 with Next's message", () => {
    expect(() => unstable_cache(async () => 1, ['k'], { revalidate: 0 })).toThrow(
      'Invariant revalidate: 0 can not be passed to unstable_cache(), must be "false" or "> 0"',
    );
  });

  test('updateTag is for Server Actions only, as in Next 16', () => {
    expect(() => updateTag('posts')).toThrow('updateTag can only be called from within a Server Action.');
  });
});
