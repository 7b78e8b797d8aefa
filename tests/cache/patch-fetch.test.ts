/**
 * installFetchPatch: one wrapper per realm however often it is installed, the platform fetch
 * outside a request, and uninstallFetchPatch puts the platform fetch back.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { runInThisContext } from 'node:vm';
import { installFetchPatch, uninstallFetchPatch } from '../../server/cache/patch-fetch';
import { startUpstream, type Upstream } from '../helpers/upstream';

const main = runInThisContext('globalThis') as typeof globalThis;
let up: Upstream;

beforeAll(async () => {
  up = await startUpstream();
});
afterAll(async () => {
  installFetchPatch(); // as the other suites of this worker expect it
  await up.close();
});

test('installed twice: one wrapper (the same function), in this realm and in the one route files run in', () => {
  uninstallFetchPatch();
  const platform = globalThis.fetch;
  installFetchPatch();
  const wrapped = globalThis.fetch;
  const wrappedMain = main.fetch;
  installFetchPatch();
  expect(wrapped).not.toBe(platform);
  expect(wrapped.name).toBe('fetch');
  expect(globalThis.fetch).toBe(wrapped);
  expect(main.fetch).toBe(wrappedMain);
});

test('outside a request it is the platform fetch: same answer, nothing cached', async () => {
  installFetchPatch();
  const first = await (await fetch(`${up.url}/count/patch`, { next: { revalidate: 60 } })).json();
  const second = await (await fetch(`${up.url}/count/patch`, { next: { revalidate: 60 } })).json();
  expect([first.hits, second.hits]).toEqual([1, 2]);
});

test('uninstalled: the platform fetch is back, in both realms', () => {
  installFetchPatch();
  const wrapped = globalThis.fetch;
  uninstallFetchPatch();
  expect(globalThis.fetch).not.toBe(wrapped);
  expect(globalThis.fetch.name).toBe('fetch');
  uninstallFetchPatch(); // a second time: nothing to undo
  installFetchPatch();
  expect(globalThis.fetch).not.toBe(wrapped); // a new wrapper over the platform fetch
});
