/**
 * @module nextpressVitest: vitest's config for a Next project's route handlers (`nextpress/vitest`).
 *   export default defineConfig(nextpressVitest())   (vitest.config.ts)
 *   1. next/server, next/headers, next/navigation, next/cache (also `.js`, and the internal paths
 *      route code imports) -> nextpress's own modules, even when the project has the real `next`:
 *      the same files nextpress/testing runs them with, so headers() sees testRoute's request;
 *   2. the project's tsconfig.json/jsconfig.json `paths` -> `resolve.alias` (a bare '*' left out);
 *   3. `test.environment: 'node'`.
 * Vitest transforms TypeScript and JSX itself (esbuild/oxc); route files the engine loads (a route
 * file's path given to testRoute, createApp) go through nextpress's loader as under the server.
 */
import path from 'node:path';
import { getTsconfig } from 'get-tsconfig';

export interface VitestAlias {
  find: RegExp;
  replacement: string;
}

export interface NextpressVitestConfig {
  resolve: { alias: VitestAlias[] };
  test: { environment: 'node' };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** tsconfig `paths` of the project at `cwd` -> aliases: '@/*': ['./src/*'] -> /^@\/(.*)$/ -> '<dir>/src/$1' (the first target). */
function pathsAliases(cwd: string): VitestAlias[] {
  const found = getTsconfig(cwd, 'tsconfig.json') ?? getTsconfig(cwd, 'jsconfig.json');
  const options = found?.config.compilerOptions;
  if (found === null || options?.paths === undefined) return [];
  const base = path.resolve(path.dirname(found.path), options.baseUrl ?? '.');
  const aliases: VitestAlias[] = [];
  for (const [key, targets] of Object.entries(options.paths)) {
    if (key === '*' || !Array.isArray(targets) || targets.length === 0) continue;
    const star = key.indexOf('*');
    const find =
      star === -1 ? new RegExp(`^${escapeRegExp(key)}$`) : new RegExp(`^${escapeRegExp(key.slice(0, star))}(.*)${escapeRegExp(key.slice(star + 1))}$`);
    aliases.push({ find, replacement: path.resolve(base, star === -1 ? targets[0] : targets[0].replace('*', '$1')) });
  }
  return aliases;
}

export function nextpressVitest(options: { cwd?: string } = {}): NextpressVitestConfig {
  // The built (or, under this repo's own tests, source) next/* beside this file: ../next/<name>.
  const ext = path.extname(__filename);
  const next = (name: string) => path.join(__dirname, '..', 'next', `${name}${ext}`);
  return {
    resolve: {
      alias: [
        ...pathsAliases(options.cwd ?? process.cwd()),
        { find: /^next\/(server|headers|navigation|cache)(\.js)?$/, replacement: next('$1') },
        { find: /^next\/dist\/client\/components\/(redirect|redirect-error|not-found|navigation)$/, replacement: next('navigation') },
        { find: /^next\/dist\/server\/web\/spec-extension\/(request|response)$/, replacement: next('server') },
      ],
    },
    test: { environment: 'node' },
  };
}
