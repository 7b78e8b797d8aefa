// Jest runs the TypeScript sources through SWC (CommonJS). Route files are loaded at run time by
// the engine's own loader (jiti), exactly as under `npm start`.
const swc = (syntax) => ['@swc/jest', { jsc: { parser: { syntax }, target: 'es2022' }, module: { type: 'commonjs' }, swcrc: false }];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // npm pack + npm install (a minute): `npm run test:package` runs them, CI after `npm test`.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/package/'],
  transform: {
    '^.+\\.(t|j)sx?$': swc('typescript'),
    '^.+\\.mjs$': swc('ecmascript'),
  },
  // ESM-only packages that CommonJS jest must transpile (Auth.js and its crypto helpers).
  transformIgnorePatterns: ['/node_modules/(?!(@auth|jose|oauth4webapi|node-fetch|fetch-blob|data-uri-to-buffer|formdata-polyfill)/)'],
  // next/* is nextpress's own implementation, from source, for every importer (route files, next-auth).
  moduleNameMapper: {
    // nextpress's public entry points, as a project's tests import them.
    '^nextpress$': '<rootDir>/server/index.ts',
    '^nextpress/testing$': '<rootDir>/server/testing/index.ts',
    '^nextpress/auth$': '<rootDir>/server/auth/index.ts',
    '^next/(server|headers|navigation|cache|og)(\\.js)?$': '<rootDir>/server/next/$1.ts',
    '^next/dist/client/components/(redirect|redirect-error|not-found|navigation)$': '<rootDir>/server/next/navigation.ts',
    '^next/dist/server/web/spec-extension/(request|response)$': '<rootDir>/server/next/server.ts',
  },
  // .ts before .js: `./server` is server/index.ts (the front door), not server/index.js (the CLI launcher).
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'jsx', 'json', 'node'],
  testTimeout: 20000,
};
