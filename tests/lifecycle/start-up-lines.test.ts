/**
 * The start-up lines about the project: where it is served from, and how many files were left out.
 */
import { describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { findProjectRoot } from '../../server/loading/find-project-root';
import { findAppFolder } from '../../server/loading/find-app-folder';
import { notServedLine, projectLine } from '../../server/lifecycle/start-up-lines';

const BLOG = path.resolve('/srv/blog');

describe('projectLine', () => {
  test('the root, the routes folder below it and the env files read', () => {
    expect(projectLine(BLOG, path.join(BLOG, 'src', 'app'), ['.env.local', '.env'])).toBe(
      `Project: ${BLOG} (routes: src/app, env: .env.local, .env); working directory: the project root`,
    );
  });
  test('no env files', () => {
    expect(projectLine(BLOG, path.join(BLOG, 'app'), [])).toBe(`Project: ${BLOG} (routes: app, no env files); working directory: the project root`);
  });
});

describe('notServedLine', () => {
  test.each<[string, string[], string, string | undefined]>([
    [
      'several, under src/app',
      ['layout.tsx', 'page.tsx'],
      path.join(BLOG, 'src', 'app'),
      '2 files under src/app/ are pages, layouts, metadata or styles: not served (nextpress serves route handlers only)',
    ],
    [
      'one, under app',
      ['page.tsx'],
      path.join(BLOG, 'app'),
      '1 file under app/ is a page, layout, metadata or style file: not served (nextpress serves route handlers only)',
    ],
    [
      'a bare folder is named by itself',
      ['page.tsx', 'x.css'],
      path.resolve('/srv/routes'),
      '2 files under routes/ are pages, layouts, metadata or styles: not served (nextpress serves route handlers only)',
    ],
    ['none: nothing to say', [], path.join(BLOG, 'app'), undefined],
  ])('%s', (_name, files, routesDir, line) => {
    expect(notServedLine(files, routesDir)).toBe(line);
  });
});

test.each([
  [path.join(BLOG, 'src', 'app'), BLOG],
  [path.join(BLOG, 'app'), BLOG],
  [path.resolve('/srv/routes'), undefined],
  [path.join(BLOG, 'src', 'app', 'api'), undefined],
])('findProjectRoot(%s) -> %s', (routesDir, root) => {
  expect(findProjectRoot(routesDir)).toBe(root);
});

test.each<[string[], string | undefined]>([
  [['app', 'src/app'], path.join(BLOG, 'app')],
  [['src/app'], path.join(BLOG, 'src', 'app')],
  [[], undefined],
])('findAppFolder with %j -> %s', (folders, found) => {
  const existing = new Set(folders.map((folder) => path.join(BLOG, ...folder.split('/'))));
  expect(findAppFolder(BLOG, (folder) => existing.has(folder))).toBe(found);
});
