/**
 * describeLoadFailure: the sentence a route file that failed to load is reported with, for the
 * failures a real project can only show on a machine set up wrongly (react not installed).
 */
import { describe, expect, test } from '@jest/globals';
import path from 'node:path';
import type { TsConfigResult } from 'get-tsconfig';
import { describeLoadFailure } from '../../server/loading/describe-load-failure';

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
      "Failed to load route file 'og/route.tsx': JSX in 'src/app/og/route.tsx' compiles to imports of 'react/jsx-runtime' (the automatic runtime, as in Next), and react is not installed. Install it in the project: npm install react.",
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
});
