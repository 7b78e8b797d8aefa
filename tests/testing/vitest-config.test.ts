/**
 * nextpressVitest (nextpress/vitest): the project's tsconfig paths and next/* as vitest aliases.
 *   '@/*': ['./src/*'] -> /^@\/(.*)$/ -> '<project>/src/$1'; an exact key -> its file; '*' left out
 *   next/headers, next/server.js, next/dist/... -> nextpress's own modules
 * (Run under vitest: tests/package, `npm run test:package`.)
 */
import { afterAll, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nextpressVitest } from '../../server/testing/vitest-config';

const project = mkdtempSync(path.join(tmpdir(), 'nextpress-vitest-config-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

test('tsconfig paths, then next/*', () => {
  writeFileSync(
    path.join(project, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'], config: ['./config/index.ts'], '*': ['./any/*'] } } }),
  );
  const { resolve, test: testOptions } = nextpressVitest({ cwd: project });
  const next = path.join(__dirname, '..', '..', 'server', 'next');
  expect(resolve.alias).toEqual([
    { find: /^@\/(.*)$/, replacement: path.join(project, 'src', '$1') },
    { find: /^config$/, replacement: path.join(project, 'config', 'index.ts') },
    { find: /^next\/(server|headers|navigation|cache)(\.js)?$/, replacement: path.join(next, '$1.ts') },
    { find: /^next\/dist\/client\/components\/(redirect|redirect-error|not-found|navigation)$/, replacement: path.join(next, 'navigation.ts') },
    { find: /^next\/dist\/server\/web\/spec-extension\/(request|response)$/, replacement: path.join(next, 'server.ts') },
    { find: /^(server-only|client-only)$/, replacement: path.join(next, '$1.ts') },
  ]);
  expect(testOptions).toEqual({ environment: 'node' });
  expect('@/lib/db'.replace(resolve.alias[0].find, resolve.alias[0].replacement)).toBe(path.join(project, 'src', 'lib/db'));
});
