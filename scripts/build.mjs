/**
 * @module `npm run build` (`node scripts/build.mjs [--out=<folder>]`): the TypeScript of server/,
 * config/ and middleware/ -> dist/, as one engine bundle and a one-line file for each way in.
 *
 *   server/**, config/**, middleware/**, zod's parts used -> dist/server/bundle/engine.js (+ .map)
 *   server/index.ts, server/next/server.ts, ... (ENTRIES) -> dist/server/index.js, dist/server/next/server.js, ...
 *                                                            each: the bundle's module of that name
 *   server/cli/enable-compile-cache.ts                    -> dist/server/cli/enable-compile-cache.js (alone)
 *
 * Why one bundle: a start loads 140 engine modules, and on Node 20 finding and wrapping each one
 * costs more than compiling it (1,000 route files, spawn to first 200: 40-60 ms of 300-360 ms CPU).
 * Why a file for each way in: package.json's exports, the `next/*` that route files import (jiti's
 * aliases, node_modules/next/runtime/*.js), jest-preset.js, `node dist/server/cli.js` and the
 * docs' commands name these paths. Each is one line into the one bundle, so every way in shares one
 * copy of the engine's state (the request context, the caches, the Response class), and lists its
 * export names as swc's exportInteropAnnotation did (`0 && (module.exports = { ... })`), so that
 * Node's ESM `import { NextResponse } from 'next/server.js'` finds them.
 * The bundle sits one folder below dist/server/, where the sources' `__dirname` lookups expect to be
 * (server/<folder>/<file>.ts: ../next, ../..). The CLI's file enables V8's compile cache (Node >=
 * 22.1) before it loads the bundle. Packages stay `require()`s of node_modules, except zod (its
 * CommonJS build, required whole, loads 40 locales: 141 ms; the six functions config/zod.ts takes: 16 ms).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string', default: ROOT } } });
const DIST = path.join(path.resolve(values.out), 'dist');
const BUNDLE = 'server/bundle/engine.js';

/** The ways in: the source, whose dist/ path (.ts -> .js) becomes a one-line file into the bundle. */
const ENTRIES = [
  'server/index.ts',
  'server/cli.ts',
  'server/auth/index.ts',
  'server/auth/hash-password-cli.ts',
  'server/testing/index.ts',
  'server/testing/vitest-config.ts',
  'server/testing/tsconfig-paths.ts', // jest-preset.js
  ...['server', 'headers', 'navigation', 'cache', 'og', 'server-only', 'client-only'].map((name) => `server/next/${name}.ts`),
];
/** Scripts: loading them runs them (no exports to list). */
const SCRIPTS = new Set(['server/cli.ts', 'server/auth/hash-password-cli.ts']);

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const external = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies })
  .filter((name) => name !== 'zod')
  .flatMap((name) => [name, `${name}/*`]);
// tsconfig.json is for the editor and tsc (its `paths` map next/* for the tests); the build needs only
// what it says here, so a Docker build stage without it builds the same files.
const tsconfigRaw = { compilerOptions: { useDefineForClassFields: true } };
// No keepNames: it wraps every named closure in a defineProperty call, per request on the hot path
// (measured: 1,000 routes 118 -> 185 µs of CPU a request, peak RSS +21 MB). esbuild renames a
// top-level name two modules share (`notFound` -> `notFound3`), so exported functions keep theirs
// by being the only one (tests/build checks every way in).
const common = { absWorkingDir: ROOT, bundle: true, platform: 'node', target: 'node20.19', external, tsconfigRaw, logLevel: 'warning' };

rmSync(DIST, { recursive: true, force: true });

// 1. The engine: every way in, each loaded on first use (a require() in a function: esbuild runs a module when it is first required).
const table = ENTRIES.map((file) => `  ${JSON.stringify(file.slice(0, -3))}: () => require(${JSON.stringify(`./${file}`)}),`).join('\n');
await build({
  ...common,
  stdin: { contents: `const entries = {\n${table}\n};\nexports.load = (name) => entries[name]();\n`, resolveDir: ROOT, sourcefile: 'entries.js', loader: 'js' },
  format: 'cjs',
  outfile: path.join(DIST, BUNDLE),
  sourcemap: true,
});

// 2. The export names of each way in, from an ESM build of each that is not written.
const { metafile } = await build({
  ...common,
  entryPoints: ENTRIES.filter((file) => !SCRIPTS.has(file)),
  format: 'esm',
  outdir: path.join(DIST, 'names'),
  write: false,
  metafile: true,
});
const names = new Map(Object.values(metafile.outputs).flatMap((output) => (output.entryPoint ? [[output.entryPoint, output.exports]] : [])));

// 3. The one-line files.
for (const file of ENTRIES) {
  const target = path.join(DIST, `${file.slice(0, -3)}.js`);
  const toBundle = path.relative(path.dirname(target), path.join(DIST, BUNDLE)).split(path.sep).join('/');
  const load = `require(${JSON.stringify(toBundle.startsWith('.') ? toBundle : `./${toBundle}`)}).load(${JSON.stringify(file.slice(0, -3))})`;
  const lines = ["'use strict';", `// ${file}, built into ${BUNDLE} (scripts/build.mjs).`];
  if (file === 'server/cli.ts') lines.push("require('./cli/enable-compile-cache.js');", `${load};`);
  else if (SCRIPTS.has(file)) lines.push(`${load};`);
  else {
    // `default` is module.exports itself to an ESM import of CommonJS (and no shorthand can name it).
    const exported = (names.get(file) ?? []).filter((name) => name !== 'default');
    lines.push(`const entry = ${load};`, 'module.exports = entry;');
    if (exported.length > 0) lines.push(`0 && (module.exports = { ${exported.join(', ')} });`);
  }
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, `${lines.join('\n')}\n`);
}

// 4. The compile cache, enabled before the bundle loads.
await build({ ...common, entryPoints: ['server/cli/enable-compile-cache.ts'], format: 'cjs', outfile: path.join(DIST, 'server/cli/enable-compile-cache.js') });
