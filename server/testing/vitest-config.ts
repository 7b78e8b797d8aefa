/**
 * @module nextpressVitest: vitest's config for a Next project's route handlers (`nextpress/vitest`).
 *   export default defineConfig(nextpressVitest())   (vitest.config.ts)
 *   1. next/server, next/headers, next/navigation, next/cache (also `.js`, and the internal paths
 *      route code imports) -> nextpress's own modules, even when the project has the real `next`:
 *      the same files nextpress/testing runs them with, so headers() sees testRoute's request;
 *   2. the project's tsconfig.json/jsconfig.json `paths` -> `resolve.alias` (tsconfigPaths);
 *   3. `test.environment: 'node'`.
 * Vitest transforms TypeScript and JSX itself (esbuild/oxc); route files the engine loads (a route
 * file's path given to testRoute, createApp) go through nextpress's loader as under the server.
 */
import path from 'node:path';
import { type VitestAlias, vitestPathsAliases } from './tsconfig-paths';

export type { VitestAlias };

export interface NextpressVitestConfig {
  resolve: { alias: VitestAlias[] };
  test: { environment: 'node' };
}

export function nextpressVitest(options: { cwd?: string } = {}): NextpressVitestConfig {
  // The built (or, under this repo's own tests, source) next/* beside this file: ../next/<name>.
  const ext = path.extname(__filename);
  const next = (name: string) => path.join(__dirname, '..', 'next', `${name}${ext}`);
  return {
    resolve: {
      alias: [
        ...vitestPathsAliases(options.cwd ?? process.cwd()),
        { find: /^next\/(server|headers|navigation|cache)(\.js)?$/, replacement: next('$1') },
        { find: /^next\/dist\/client\/components\/(redirect|redirect-error|not-found|navigation)$/, replacement: next('navigation') },
        { find: /^next\/dist\/server\/web\/spec-extension\/(request|response)$/, replacement: next('server') },
        // As the server resolves them for route code: server-only loads, client-only throws.
        { find: /^(server-only|client-only)$/, replacement: next('$1') },
      ],
    },
    test: { environment: 'node' },
  };
}
