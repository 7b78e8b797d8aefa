/**
 * createFetchCache on its own, against a real local upstream: misses of one key that start in the
 * same tick (ten requests reaching a route that was still loading) cost the upstream one request.
 * Through HTTP the requests arrive a tick apart, which hid this: the check for a fill in progress
 * was made before the store was read, so every caller that read while no fill had begun started one.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type { RequestStore } from '../../server/context';
import { createFetchCache } from '../../server/cache/fetch-cache';
import { createMemoryCache } from '../../server/cache/memory-cache';
import { recordingLogger } from '../helpers/serve';
import { startUpstream, type Upstream } from '../helpers/upstream';

let up: Upstream;
beforeAll(async () => {
  up = await startUpstream();
});
afterAll(() => up.close());

function storeFor(url: string): RequestStore {
  return { routeFile: 'same-tick/route.ts', staticGeneration: false, req: { headers: {}, url, originalUrl: url } } as unknown as RequestStore;
}

test.each([
  ['revalidate', { next: { revalidate: 60 } }],
  ['force-cache', { cache: 'force-cache' as const }],
])('%s: 10 misses begun in the same tick -> 1 upstream request, 10 identical answers', async (name, init) => {
  const work: Promise<unknown>[] = [];
  const cached = createFetchCache({ handler: createMemoryCache(), logger: recordingLogger().logger, track: (p) => work.push(p), planOf: () => undefined });
  const path = `/count/same-tick-${name}`;
  const answers = await Promise.all(
    Array.from({ length: 10 }, () => cached(fetch, `${up.url}${path}?delay=50`, init, storeFor('/same-tick')).then((res) => res.json())),
  );
  await Promise.all(work);
  expect(up.hits(path)).toBe(1);
  expect(answers).toEqual(Array(10).fill({ path, hits: 1, method: 'GET', body: '' }));
});
