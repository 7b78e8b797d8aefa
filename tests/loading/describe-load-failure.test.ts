/**
 * describeLoadFailure: the sentence a route file that failed to load is reported with, for the
 * failures a real project can only show on a machine set up wrongly (react not installed), path
 * aliases no config maps (never a package to install) and jiti's syntax errors (one line).
 */
import { describe, expect, test } from '@jest/globals';
import path from 'node:path';
import type { TsConfigResult } from 'get-tsconfig';
import { describeLoadFailure, explainLoadFailure } from '../../server/loading/describe-load-failure';

const ROOT = path.join(path.sep, 'srv', 'my-app');
const CONFIG: TsConfigResult = { path: path.join(ROOT, 'tsconfig.json'), config: { compilerOptions: { baseUrl: '.', paths: { '@/*': ['./src/*'] } } } };

/** An error shaped as Node's require.resolve throws it. */
function notFound(specifier: string, importer: string): Error {
  return Object.assign(new Error(`Cannot find module '${specifier}'\nRequire stack:\n- ${importer}`), { code: 'MODULE_NOT_FOUND', requireStack: [importer] });
}

describe('describeLoadFailure', () => {
  test('JSX without react installed says to install react', () => {
    const error = notFound('react/jsx-runtime', path.join(ROOT, 'src', 'app', 'og', 'route.tsx'));
    expect(describeLoadFailure('og/route.tsx', error, CONFIG)).toBe(
      "Failed to load route file 'og/route.tsx': JSX in 'src/app/og/route.tsx' compiles to imports of 'react/jsx-runtime' (the automatic runtime, as in Next), and react is not installed. Install react in the project (npm install react).",
    );
  });

  test('a package that is not installed (nor under baseUrl) says which one to install', () => {
    const error = notFound('@upstash/redis/nodejs', path.join(ROOT, 'src', 'lib', 'kv.ts'));
    expect(describeLoadFailure('api/kv/route.ts', error, CONFIG)).toBe(
      "Failed to load route file 'api/kv/route.ts': the import '@upstash/redis/nodejs' in 'src/lib/kv.ts' was not found as a package, nor under baseUrl '.' of tsconfig.json. Install it in the project (npm install @upstash/redis) or fix the import.",
    );
  });

  test('a relative import of a missing file', () => {
    const error = notFound('./helpers', path.join(ROOT, 'src', 'app', 'api', 'x', 'route.ts'));
    expect(describeLoadFailure('api/x/route.ts', error, CONFIG)).toBe(
      "Failed to load route file 'api/x/route.ts': the import './helpers' in 'src/app/api/x/route.ts' resolves to no file. Fix the path of the import (relative to the importing file).",
    );
  });

  test("native import()'s ERR_MODULE_NOT_FOUND names the importing file too", () => {
    const importer = path.join(ROOT, 'node_modules', 'sdk', 'index.mjs');
    const error = Object.assign(new Error(`Cannot find package 'jose' imported from ${importer}`), { code: 'ERR_MODULE_NOT_FOUND' });
    expect(describeLoadFailure('api/x/route.ts', error, CONFIG)).toBe(
      "Failed to load route file 'api/x/route.ts': the import 'jose' in 'node_modules/sdk/index.mjs' was not found as a package, nor under baseUrl '.' of tsconfig.json. Install it in the project (npm install jose) or fix the import.",
    );
  });

  const ROUTE = path.join(ROOT, 'app', 'api', 'x', 'route.ts');
  const SRC_ROUTE = path.join(ROOT, 'src', 'app', 'api', 'x', 'route.ts');
  const config = (paths: Record<string, string[]> | undefined): TsConfigResult => ({
    path: path.join(ROOT, 'tsconfig.json'),
    config: { compilerOptions: { paths } },
  });
  const head = "Failed to load route file 'api/x/route.ts': the import";

  test.each([
    [
      "'@/lib/db', tsconfig.json without paths",
      '@/lib/db',
      ROUTE,
      config(undefined),
      `${head} '@/lib/db' in 'app/api/x/route.ts' is a path alias ('@/' never starts a package name), and tsconfig.json has no paths entry for it.`,
      'Add "paths": { "@/*": ["./*"] } to compilerOptions in tsconfig.json, or fix the import.',
    ],
    [
      "'~/lib/db' under src/app, paths for '@/*' only",
      '~/lib/db',
      SRC_ROUTE,
      config({ '@/*': ['./src/*'] }),
      `${head} '~/lib/db' in 'src/app/api/x/route.ts' is a path alias ('~/' never starts a package name), and tsconfig.json has no paths entry for it (its entries: '@/*').`,
      'Add "~/*": ["./src/*"] to compilerOptions.paths in tsconfig.json, or fix the import.',
    ],
    [
      "'#/db', no tsconfig.json or jsconfig.json",
      '#/db',
      ROUTE,
      undefined,
      `${head} '#/db' in '${ROUTE}' is a path alias ('#/' never starts a package name), and there is no tsconfig.json or jsconfig.json to map it.`,
      `Create ${path.join(ROOT, 'tsconfig.json')} with { "compilerOptions": { "paths": { "#/*": ["./*"] } } }, or fix the import.`,
    ],
  ])('%s: the paths entry to add, never `npm install`', (_name, specifier, importer, tsconfig, problem, fix) => {
    expect(explainLoadFailure('api/x/route.ts', notFound(specifier, importer), tsconfig, importer)).toEqual({ problem, fix });
  });

  test('@prisma/client before `prisma generate`: run it, never `npm install .prisma`', () => {
    const error = notFound('.prisma/client/default', path.join(ROOT, 'node_modules', '@prisma', 'client', 'default.js'));
    expect(describeLoadFailure('api/x/route.ts', error, CONFIG)).toBe(
      "Failed to load route file 'api/x/route.ts': the import '.prisma/client/default' in 'node_modules/@prisma/client/default.js' is Prisma's generated client, which has not been generated. Run `npx prisma generate` in the project (after each change to the schema).",
    );
  });

  test("jiti's ParseError: one line, the place relative to the project, then the fix", () => {
    const error = new Error(`ParseError: Unexpected token  \n ${SRC_ROUTE}:2:13`);
    expect(describeLoadFailure('api/x/route.ts', error, CONFIG)).toBe(
      "Failed to load route file 'api/x/route.ts': a syntax error at 'src/app/api/x/route.ts:2:13': Unexpected token. Fix the code there.",
    );
  });

  test('an error the code threw has no fix of ours', () => {
    const thrown = Object.assign(new Error('DATABASE_URL is not set.'), { stack: `Error: DATABASE_URL is not set.\n    at ${SRC_ROUTE}:1:7` });
    expect(explainLoadFailure('api/x/route.ts', thrown, CONFIG)).toEqual({
      problem: "Failed to load route file 'api/x/route.ts': DATABASE_URL is not set (thrown while loading 'src/app/api/x/route.ts').",
    });
  });
});
