/**
 * isNotServed: Next's page, layout, metadata and style file names are told apart from route
 * files and plain modules.
 */
import { expect, test } from '@jest/globals';
import { isNotServed } from '../../server/routing/not-served';

test.each([
  'page.tsx',
  'page.js',
  'page.mdx',
  'layout.tsx',
  'template.jsx',
  'loading.tsx',
  'error.tsx',
  'global-error.tsx',
  'not-found.tsx',
  'global-not-found.tsx',
  'forbidden.tsx',
  'unauthorized.tsx',
  'default.tsx',
  'favicon.ico',
  'icon.png',
  'icon1.svg',
  'icon.tsx',
  'apple-icon.jpg',
  'opengraph-image.tsx',
  'opengraph-image2.png',
  'twitter-image.jpg',
  'twitter-image.alt.txt',
  'sitemap.ts',
  'sitemap.xml',
  'robots.txt',
  'robots.ts',
  'manifest.json',
  'manifest.webmanifest',
  'globals.css',
  'page.module.css',
  'theme.scss',
  'mixins.sass',
])('%s: not served', (name) => {
  expect(isNotServed(name)).toBe(true);
});

test.each(['route.ts', 'route.tsx', 'Button.tsx', 'utils.ts', 'pages.tsx', 'my-page.tsx', 'icon-set.ts', 'README.md', 'data.json'])(
  '%s: not one of them',
  (name) => {
    expect(isNotServed(name)).toBe(false);
  },
);
