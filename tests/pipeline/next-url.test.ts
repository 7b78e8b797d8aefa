/**
 * NextURL with a basePath, as Next's: pathname without it, setting pathname keeps it, clone() too.
 */
import { expect, test } from '@jest/globals';
import { NextURL } from '../../server/next/request';

test.each([
  ['http://a.test/docs/x', '/docs', '/x'],
  ['http://a.test/docs', '/docs', '/'],
  ['http://a.test/docsx', '/docs', '/docsx'],
  ['http://a.test/docs/x', '', '/docs/x'],
])('%s with basePath %j: pathname %s', (href, basePath, pathname) => {
  const url = new NextURL(href);
  url.basePath = basePath;
  expect(url.pathname).toBe(pathname);
  expect(url.href).toBe(href);
});

test('setting pathname puts the basePath back; clone keeps it', () => {
  const url = new NextURL('http://a.test/docs/x?q=1');
  url.basePath = '/docs';
  const copy = url.clone();
  copy.pathname = '/y';
  expect(copy.href).toBe('http://a.test/docs/y?q=1');
  expect(copy.pathname).toBe('/y');
  expect(url.href).toBe('http://a.test/docs/x?q=1');
});
