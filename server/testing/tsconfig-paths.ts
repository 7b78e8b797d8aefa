/**
 * @module tsconfigPaths: a project's tsconfig.json/jsconfig.json `paths` (found as the server finds
 * it: the nearest config upward from `cwd`, `extends` applied) as a test runner's aliases, so
 * tests resolve imports as route files do under the server. The jest preset and nextpressVitest
 * both take theirs from here.
 *
 *   '@/*': ['./src/*']                -> jest '^@\/(.*)$': '<dir>/src/$1'       vitest /^@\/(.*)$/ -> '<dir>/src/$1'
 *   'config': ['./config/index.ts']   -> jest '^config$': '<dir>/config/index.ts' vitest /^config$/ -> the same file
 *   '~/*': ['./a/*', './b/*']         -> jest ['<dir>/a/$1', '<dir>/b/$1'] (tried in turn); vitest the first
 *   baseUrl 'src', '#/*': ['*']       -> '<dir>/src/$1'
 *   'a.b/*' (regex characters)        -> escaped: '^a\.b\/(.*)$'
 *   '*': [...], a key with no targets -> left out (every package would go through '*')
 *   no config, or no `paths`          -> {} / []
 */
import path from 'node:path';
import { findProjectConfig } from '../loading/find-project-config';

export interface VitestAlias {
  find: RegExp;
  replacement: string;
}

interface PathAlias {
  /** A regular expression's source, anchored; a `*` is the group `(.*)`. */
  pattern: string;
  /** Absolute files, a `*` replaced by `$1`. */
  targets: string[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function pathAliases(cwd: string): PathAlias[] {
  const found = findProjectConfig(path.resolve(cwd));
  const options = found?.config.compilerOptions;
  if (found === undefined || options?.paths === undefined) return [];
  const base = path.resolve(path.dirname(found.path), options.baseUrl ?? '.');
  const aliases: PathAlias[] = [];
  for (const [key, targets] of Object.entries(options.paths)) {
    if (key === '*' || !Array.isArray(targets) || targets.length === 0) continue;
    const star = key.indexOf('*');
    const pattern = star === -1 ? `^${escapeRegExp(key)}$` : `^${escapeRegExp(key.slice(0, star))}(.*)${escapeRegExp(key.slice(star + 1))}$`;
    aliases.push({ pattern, targets: targets.map((target) => path.resolve(base, star === -1 ? target : target.replace('*', '$1'))) });
  }
  return aliases;
}

/** jest's `moduleNameMapper` entries (one target as a string, several as the list jest tries in turn). */
export function jestPathsMapper(cwd: string): Record<string, string | string[]> {
  return Object.fromEntries(pathAliases(cwd).map(({ pattern, targets }) => [pattern, targets.length === 1 ? targets[0] : targets]));
}

/** vitest's `resolve.alias` entries (vite takes one replacement: the first target). */
export function vitestPathsAliases(cwd: string): VitestAlias[] {
  return pathAliases(cwd).map(({ pattern, targets }) => ({ find: new RegExp(pattern), replacement: targets[0] }));
}
