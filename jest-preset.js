/**
 * @module The jest preset: `preset: 'nextpress'` in a project's jest config.
 *   1. next/server, next/headers, next/navigation, next/cache (also `.js`, and the internal paths
 *      route code imports) -> nextpress's own modules, even when the project has the real `next`;
 *   2. the project's tsconfig.json/jsconfig.json `paths` (found from the folder jest runs in, as
 *      the server finds it: `@/*` -> `<project>/src/*`), as route files resolve them under the server;
 *   3. TypeScript and JSX (automatic runtime) through @swc/jest, which the project installs
 *      (`npm i -D jest @swc/jest @swc/core`); ESM-only packages of Auth.js are transformed too;
 *   4. packages resolve from the project first, then from nextpress's own node_modules; `server-only`
 *      and `client-only` as the server resolves them (the first loads, the second throws).
 * A project's own settings win: `{ preset: 'nextpress', moduleNameMapper: { ... } }` adds to these.
 * In a clone of nextpress (its TypeScript sources beside this file) the mapped modules are the
 * sources; in an installed package, the built dist/.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = __dirname;
const FROM_SOURCES = fs.existsSync(path.join(ROOT, 'server', 'next', 'server.ts'));
const nextModule = (name) => (FROM_SOURCES ? path.join(ROOT, 'server', 'next', `${name}.ts`) : path.join(ROOT, 'dist', 'server', 'next', `${name}.js`));

function swcJest() {
  try {
    return require.resolve('@swc/jest', { paths: [process.cwd(), ROOT] });
  } catch {
    throw new Error(
      "nextpress's jest preset (preset: 'nextpress') transforms TypeScript with @swc/jest, which is not installed in this project. Install it: npm i -D @swc/jest @swc/core",
    );
  }
}

/** @swc/jest for one kind of file: .ts (no JSX: `<T>x` casts parse), .tsx, or JavaScript with JSX. */
const swc = (parser) => [
  swcJest(),
  { jsc: { parser, target: 'es2022', transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' }, swcrc: false },
];

/**
 * The project's tsconfig `paths` as moduleNameMapper entries, converted by the module nextpressVitest
 * uses too (server/testing/tsconfig-paths.ts; in a clone, loaded from source through jiti).
 */
function pathsMapper(cwd) {
  const load = FROM_SOURCES ? require('jiti').createJiti(__filename) : require;
  const file = FROM_SOURCES ? path.join(ROOT, 'server', 'testing', 'tsconfig-paths.ts') : path.join(ROOT, 'dist', 'server', 'testing', 'tsconfig-paths.js');
  return load(file).jestPathsMapper(cwd);
}

/** nextpress's own entry points in a clone (an installed package resolves them through its exports). */
const SOURCE_ENTRIES = {
  '^nextpress$': path.join(ROOT, 'server', 'index.ts'),
  '^nextpress/(testing|auth)$': path.join(ROOT, 'server', '$1', 'index.ts'),
};

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.[mc]?ts$': swc({ syntax: 'typescript' }),
    '^.+\\.tsx$': swc({ syntax: 'typescript', tsx: true }),
    '^.+\\.(jsx?|mjs|cjs)$': swc({ syntax: 'ecmascript', jsx: true }),
  },
  // ESM-only packages that CommonJS jest must transpile (Auth.js and its crypto helpers).
  transformIgnorePatterns: ['/node_modules/(?!(@auth|jose|oauth4webapi|node-fetch|fetch-blob|data-uri-to-buffer|formdata-polyfill)/)'],
  moduleNameMapper: {
    ...pathsMapper(process.cwd()),
    ...(FROM_SOURCES ? SOURCE_ENTRIES : {}),
    '^next/(server|headers|navigation|cache)(\\.js)?$': nextModule('$1'),
    '^next/dist/client/components/(redirect|redirect-error|not-found|navigation)$': nextModule('navigation'),
    '^next/dist/server/web/spec-extension/(request|response)$': nextModule('server'),
    // As the server resolves them for route code (Next's react-server condition): server-only loads, client-only throws.
    '^(server-only|client-only)$': nextModule('$1'),
  },
  modulePaths: [path.join(ROOT, 'node_modules')],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'jsx', 'json', 'node'],
};
