/**
 * @module describeLoadFailure: why a route file did not load -> one sentence naming the route file,
 * the import that failed (and the file it is in), and the fix.
 *
 *   import '@/lib/nowhere' (paths '@/*')  -> "... the import '@/lib/nowhere' in 'src/app/x/route.ts' resolves
 *                                            to no file: tsconfig.json paths entry '@/*' -> './src/*' tried
 *                                            'src/lib/nowhere' (.ts, .tsx, .js, ... and /index). Fix ..."
 *   import 'left-pad' (not installed)     -> "... the import 'left-pad' in '...' was not found as a package.
 *                                            Install it in the project (npm install left-pad) ..."
 *   import './helpers' (no such file)     -> "... the import './helpers' in '...' resolves to no file. ..."
 *   JSX without react installed           -> "... JSX in '...' compiles to imports of 'react/jsx-runtime' ...
 *                                            Install it in the project: npm install react."
 *   an import that throws (client-only)   -> "... <its message> (thrown while loading 'src/lib/browser.ts')."
 *
 * Paths are shown relative to the project (the folder of its tsconfig/jsconfig) when there is one.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPathsMatcher, type TsConfigResult } from 'get-tsconfig';
import { NEXTPRESS_ROOT } from './find-project-config';

export function describeLoadFailure(relativeFile: string, error: unknown, config: TsConfigResult | undefined): string {
  const show = showPath(config);
  const head = `Failed to load route file '${relativeFile}':`;
  const missing = missingImport(error);
  if (missing !== undefined) {
    const where = missing.importer === undefined ? '' : ` in '${show(missing.importer)}'`;
    if (missing.specifier === 'react/jsx-runtime' || missing.specifier === 'react/jsx-dev-runtime') {
      return `${head} JSX${where} compiles to imports of '${missing.specifier}' (the automatic runtime, as in Next), and react is not installed. Install it in the project: npm install react.`;
    }
    const entry = config === undefined ? undefined : pathsEntryFor(config, missing.specifier);
    if (entry !== undefined) {
      const tried = entry.candidates.map((candidate) => `'${show(candidate)}'`).join(', ');
      return (
        `${head} the import '${missing.specifier}'${where} resolves to no file: ${path.basename(config!.path)} paths entry ` +
        `'${entry.key}' -> ${entry.targets.map((target) => `'${target}'`).join(', ')} tried ${tried} (.ts, .tsx, .js, ... and /index). ` +
        `Fix the import, create the file, or fix the paths entry in ${show(config!.path)}.`
      );
    }
    if (isRelative(missing.specifier)) {
      return `${head} the import '${missing.specifier}'${where} resolves to no file. Fix the path of the import (relative to the importing file).`;
    }
    const baseUrl = config?.config.compilerOptions?.baseUrl;
    const under = baseUrl === undefined ? '' : `, nor under baseUrl '${baseUrl}' of ${show(config!.path)}`;
    return `${head} the import '${missing.specifier}'${where} was not found as a package${under}. Install it in the project (npm install ${packageName(missing.specifier)}) or fix the import.`;
  }
  const message = (asError(error)?.message ?? String(error)).replace(/^Error: /, '');
  const thrownIn = thrownWhileLoading(error);
  const where = thrownIn === undefined ? '' : ` (thrown while loading '${show(thrownIn)}')`;
  return `${head} ${message.replace(/\.$/, '')}${where}.`;
}

/** Node's and jest's "Cannot find module 'x'" (with the importing file, when they say it). */
function missingImport(error: unknown): { specifier: string; importer: string | undefined } | undefined {
  const found = asError(error);
  if (found === undefined) return undefined;
  const code = (found as NodeJS.ErrnoException).code;
  if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') return undefined;
  // require: "Cannot find module 'x'" + requireStack; jest: "... from 'file'"; import: "... imported from /file"
  const text = /Cannot find (?:module|package) '([^']+)'(?: from '([^']+)'| imported from (\S+))?/.exec(found.message);
  if (text === null) return undefined;
  const stack = (found as { requireStack?: string[] }).requireStack;
  const named = text[2] ?? text[3];
  const importer = stack?.[0] ?? (named === undefined ? undefined : path.resolve(named.startsWith('file:') ? fileURLToPath(named) : named));
  return { specifier: text[1], importer };
}

interface PathsEntry {
  key: string;
  targets: string[];
  candidates: string[];
}

/** The `paths` entry TypeScript would pick for `specifier` (exact, else the longest wildcard prefix). */
function pathsEntryFor(config: TsConfigResult, specifier: string): PathsEntry | undefined {
  const paths = config.config.compilerOptions?.paths ?? {};
  let best: string | undefined;
  for (const key of Object.keys(paths)) {
    const star = key.indexOf('*');
    if (star === -1) {
      if (key === specifier) {
        best = key;
        break;
      }
      continue;
    }
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    const fits = specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix);
    if (fits && (best === undefined || prefix.length > best.indexOf('*'))) best = key;
  }
  if (best === undefined) return undefined;
  const candidates = createPathsMatcher(config)?.(specifier) ?? [];
  return { key: best, targets: paths[best] ?? [], candidates };
}

const ENGINE = [path.join(NEXTPRESS_ROOT, 'server') + path.sep, path.join(NEXTPRESS_ROOT, 'dist') + path.sep];
const JITI = `${path.sep}node_modules${path.sep}jiti${path.sep}`;

/**
 * The innermost file of the error's stack that is neither jiti's nor the engine's (so for
 * nextpress's throwing 'client-only' stand-in, the file that imported it).
 */
function thrownWhileLoading(error: unknown): string | undefined {
  const stack = asError(error)?.stack ?? '';
  for (const match of stack.matchAll(/(?:\(|at )((?:file:\/\/)?\/[^():\n]+):\d+:\d+\)?/g)) {
    const file = match[1].startsWith('file:') ? fileURLToPath(match[1]) : match[1];
    if (file.includes(JITI) || ENGINE.some((dir) => file.startsWith(dir))) continue;
    return file;
  }
  return undefined;
}

/** An Error from any realm (jiti evaluates modules in a vm context under jest). */
function asError(value: unknown): Error | undefined {
  return typeof value === 'object' && value !== null && typeof (value as Error).message === 'string' ? (value as Error) : undefined;
}

function showPath(config: TsConfigResult | undefined): (file: string) => string {
  const root = config === undefined ? undefined : path.dirname(config.path);
  return (file) => {
    if (root === undefined) return file;
    const relative = path.relative(root, file);
    return relative.startsWith('..') ? file : relative.split(path.sep).join('/');
  };
}

function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/') || specifier === '.' || specifier === '..';
}

/** 'lodash/fp' -> 'lodash', '@scope/pkg/x' -> '@scope/pkg'. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
