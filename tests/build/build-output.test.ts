/**
 * What `npm run build` (scripts/build.mjs) writes, built into a temp folder (tests/cli/helpers.ts):
 *   dist/server/bundle/engine.js        the engine, once
 *   dist/server/<way in>.js             one line into it, for each path package.json, jest-preset.js,
 *                                       node_modules/next and the docs name
 * Every way in must share the bundle's one copy of the engine (two copies would mean two request
 * contexts), and must show Node's ESM import the names require() sees.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildCli, cleanUp } from '../cli/helpers';

let dist: string;

beforeAll(() => {
  dist = path.resolve(path.dirname(buildCli()), '..');
}, 60_000);
afterAll(cleanUp);

const MODULES = [
  'server/index.js',
  'server/auth/index.js',
  'server/testing/index.js',
  'server/testing/tsconfig-paths.js',
  'server/testing/vitest-config.js',
  ...['server', 'headers', 'navigation', 'cache', 'og', 'server-only'].map((name) => `server/next/${name}.js`),
];
const THROWS = 'server/next/client-only.js'; // as Next's react-server condition does
const SCRIPTS = ['server/cli.js', 'server/auth/hash-password-cli.js'];

/** Every .js file under `dir`, relative to it, sorted. */
function jsFiles(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const file = path.posix.join(prefix, entry.name);
      return entry.isDirectory() ? jsFiles(dir, file) : file.endsWith('.js') ? [file] : [];
    })
    .sort();
}

describe('npm run build', () => {
  test('writes the bundle, the compile-cache switch and one file for each way in, nothing else', () => {
    expect(jsFiles(dist)).toEqual([...MODULES, ...SCRIPTS, THROWS, 'server/bundle/engine.js', 'server/cli/enable-compile-cache.js'].sort());
    expect(readdirSync(path.join(dist, 'server', 'bundle')).sort()).toEqual(['engine.js', 'engine.js.map']);
  });

  test.each(MODULES)("%s is the bundle's module, and lists its names for ESM import", (file) => {
    const full = path.join(dist, file);
    const source = readFileSync(full, 'utf8');
    const toBundle = path.posix.relative(path.posix.dirname(file), 'server/bundle/engine.js');
    expect(source).toContain(`require("${toBundle.startsWith('.') ? toBundle : `./${toBundle}`}").load("${file.slice(0, -3)}")`);
    const script = `
      const required = Object.keys(require(${JSON.stringify(full)})).filter((name) => name !== '__esModule');
      import(${JSON.stringify(pathToFileURL(full).href)}).then((ns) => {
        const imported = Object.keys(ns).filter((name) => name !== 'default' && name !== 'module.exports');
        console.log(JSON.stringify({ required: required.sort(), imported: imported.sort() }));
      });`;
    const { required, imported } = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as Record<string, string[]>;
    expect(imported).toEqual(required);
  });

  test("client-only throws Next's error when imported, from the bundle too", () => {
    const script = `try { require(${JSON.stringify(path.join(dist, THROWS))}); } catch (error) { console.log(error.message); }`;
    expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })).toMatch(
      /^This module cannot be imported from a Server Component module\. It should only be used from a Client Component\. /,
    );
  });

  test('exported functions and classes keep their names (esbuild renames a top-level name two modules share)', () => {
    const script = `
      const renamed = [];
      for (const file of ${JSON.stringify(MODULES)}) {
        for (const [key, value] of Object.entries(require(${JSON.stringify(dist)} + '/' + file))) {
          if (typeof value === 'function' && value.name !== key && new RegExp('^' + key + '\\\\d+$').test(value.name)) renamed.push(file + ' ' + key + ' -> ' + value.name);
        }
      }
      console.log(JSON.stringify(renamed));`;
    expect(JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }))).toEqual([]);
  });

  test('the ways in share one engine: nextpress and nextpress/auth hand out the same functions', () => {
    const script = `
      const index = require(${JSON.stringify(path.join(dist, 'server/index.js'))});
      const auth = require(${JSON.stringify(path.join(dist, 'server/auth/index.js'))});
      console.log(JSON.stringify([typeof auth.auth, index.auth === auth.auth, index.hashPassword === auth.hashPassword]));`;
    expect(JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }))).toEqual(['function', true, true]);
  });
});
