/**
 * tsconfigPaths: a project's tsconfig/jsconfig `paths` as jest's moduleNameMapper and vitest's
 * resolve.alias (the docblock's table), and the jest preset taking its entries from it.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jestPathsMapper, vitestPathsAliases } from '../../server/testing/tsconfig-paths';

const temp = mkdtempSync(path.join(tmpdir(), 'nextpress-tsconfig-paths-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let count = 0;
/** A project folder holding `file` (tsconfig.json by default) with these compilerOptions. */
function project(compilerOptions: object | undefined, file = 'tsconfig.json'): string {
  const dir = path.join(temp, `p${count++}`);
  mkdirSync(dir);
  if (compilerOptions !== undefined) writeFileSync(path.join(dir, file), JSON.stringify({ compilerOptions }));
  return dir;
}

describe.each<[string, object | undefined, (dir: string) => Record<string, string | string[]>, (dir: string) => Array<[RegExp, string]>]>([
  ['@/* -> ./src/*', { paths: { '@/*': ['./src/*'] } }, (d) => ({ '^@\\/(.*)$': `${d}/src/$1` }), (d) => [[/^@\/(.*)$/, `${d}/src/$1`]]],
  [
    'an exact key',
    { paths: { config: ['./config/index.ts'] } },
    (d) => ({ '^config$': `${d}/config/index.ts` }),
    (d) => [[/^config$/, `${d}/config/index.ts`]],
  ],
  ['two targets', { paths: { '~/*': ['./a/*', './b/*'] } }, (d) => ({ '^~\\/(.*)$': [`${d}/a/$1`, `${d}/b/$1`] }), (d) => [[/^~\/(.*)$/, `${d}/a/$1`]]],
  ['baseUrl', { baseUrl: 'src', paths: { '#/*': ['*'] } }, (d) => ({ '^#\\/(.*)$': `${d}/src/$1` }), (d) => [[/^#\/(.*)$/, `${d}/src/$1`]]],
  ['regex characters escaped', { paths: { 'a.b/*': ['./ab/*'] } }, (d) => ({ '^a\\.b\\/(.*)$': `${d}/ab/$1` }), (d) => [[/^a\.b\/(.*)$/, `${d}/ab/$1`]]],
  ['* and an empty list left out', { paths: { '*': ['./any/*'], empty: [] } }, () => ({}), () => []],
  ['no paths', { strict: true }, () => ({}), () => []],
  ['no config', undefined, () => ({}), () => []],
])('%s', (_name, options, jest, vitest) => {
  const dir = project(options);
  test('jest moduleNameMapper', () => {
    expect(jestPathsMapper(dir)).toEqual(jest(dir));
  });
  test('vitest resolve.alias', () => {
    expect(vitestPathsAliases(dir)).toEqual(vitest(dir).map(([find, replacement]) => ({ find, replacement })));
  });
});

test('a jsconfig.json, found from a folder below it', () => {
  const dir = project({ paths: { '@/*': ['./*'] } }, 'jsconfig.json');
  mkdirSync(path.join(dir, 'tests'));
  expect(jestPathsMapper(path.join(dir, 'tests'))).toEqual({ '^@\\/(.*)$': `${dir}/$1` });
});

test("the jest preset's moduleNameMapper starts with these entries (preset loaded by Node in the project folder)", () => {
  const dir = project({ paths: { '@/*': ['./src/*'] } });
  const preset = path.join(__dirname, '..', '..', 'jest-preset.js');
  const script = `process.stdout.write(JSON.stringify(require(${JSON.stringify(preset)}).moduleNameMapper))`;
  const mapper = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' })) as Record<string, string>;
  expect(Object.entries(mapper)[0]).toEqual(['^@\\/(.*)$', `${dir}/src/$1`]);
  // server-only loads and client-only throws, as under the server (a route module imported directly in a test)
  expect(mapper['^(server-only|client-only)$']).toBe(path.join(__dirname, '..', '..', 'server', 'next', '$1.ts'));
});
