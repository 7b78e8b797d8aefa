/**
 * @module describeLoadFailure: why a route file did not load -> what failed (naming the route file,
 * the import that failed and the file it is in) and, when the failure is one the message explains
 * in full, the fix (explainLoadFailure gives the two apart; describeLoadFailure joins them).
 *
 *   import '@/lib/nowhere' (paths '@/*')  -> "... the import '@/lib/nowhere' in 'src/app/x/route.ts' resolves
 *                                            to no file: tsconfig.json paths entry '@/*' -> './src/*' tried
 *                                            'src/lib/nowhere' (.ts, .tsx, .js, ... and /index)." + fix
 *   import '@/lib/db' (no paths entry)    -> "... the import '@/lib/db' in 'app/x/route.ts' is a path alias
 *                                            ('@/' never starts a package name), and tsconfig.json has no
 *                                            paths entry for it." + "Add "paths": { "@/*": ["./*"] } to
 *                                            compilerOptions in tsconfig.json ..."; with no tsconfig/jsconfig:
 *                                            "Create /srv/my-app/tsconfig.json with { ... } ..."
 *   import 'left-pad' (not installed)     -> "... the import 'left-pad' in '...' was not found as a package."
 *                                            + "Install it in the project (npm install left-pad) ..."
 *   import './helpers' (no such file)     -> "... the import './helpers' in '...' resolves to no file." + fix
 *   JSX without react installed           -> "... JSX in '...' compiles to imports of 'react/jsx-runtime' ...,
 *                                            and react is not installed." + "Install react in the project ..."
 *   @prisma/client before `prisma generate` -> "... the import '.prisma/client/default' in '...' is Prisma's generated
 *                                            client, which has not been generated." + "Run `npx prisma generate` ..."
 *   a syntax error (jiti's ParseError)    -> "... a syntax error at 'app/x/route.ts:2:14': Missing semicolon."
 *                                            + "Fix the code there."
 *   an import that throws (client-only)   -> "... <its message> (thrown while loading 'src/lib/browser.ts')."
 *                                            (no fix: what to do depends on the code that threw)
 *
 * Paths are shown relative to the project (the folder of its tsconfig/jsconfig) when there is one.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPathsMatcher, type TsConfigResult } from 'get-tsconfig';
import { findProjectRoot } from './find-project-root';
import { NEXTPRESS_ROOT } from './find-project-config';

export interface LoadFailure {
  /** "Failed to load route file '<file>': <what failed>." */
  problem: string;
  /** "<what to do>." when the problem is explained in full (a missing import, a syntax error); absent for an error the code threw. */
  fix?: string;
}

/** The problem and its fix as one text (what a RouteLoadError's `failure` holds). */
export function describeLoadFailure(relativeFile: string, error: unknown, config: TsConfigResult | undefined, routeFile?: string): string {
  const { problem, fix } = explainLoadFailure(relativeFile, error, config, routeFile);
  return fix === undefined ? problem : `${problem} ${fix}`;
}

/** `routeFile`: the route file's absolute path (names the tsconfig.json to create when there is none). */
export function explainLoadFailure(relativeFile: string, error: unknown, config: TsConfigResult | undefined, routeFile?: string): LoadFailure {
  const show = showPath(config);
  const head = `Failed to load route file '${relativeFile}':`;
  const missing = missingImport(error);
  if (missing !== undefined) {
    const where = missing.importer === undefined ? '' : ` in '${show(missing.importer)}'`;
    const { specifier } = missing;
    if (specifier === 'react/jsx-runtime' || specifier === 'react/jsx-dev-runtime') {
      return {
        problem: `${head} JSX${where} compiles to imports of '${specifier}' (the automatic runtime, as in Next), and react is not installed.`,
        fix: 'Install react in the project (npm install react).',
      };
    }
    const entry = config === undefined ? undefined : pathsEntryFor(config, specifier);
    if (entry !== undefined) {
      const tried = entry.candidates.map((candidate) => `'${show(candidate)}'`).join(', ');
      return {
        problem:
          `${head} the import '${specifier}'${where} resolves to no file: ${path.basename(config!.path)} paths entry ` +
          `'${entry.key}' -> ${entry.targets.map((target) => `'${target}'`).join(', ')} tried ${tried} (.ts, .tsx, .js, ... and /index).`,
        fix: `Fix the import, create the file, or fix the paths entry in ${show(config!.path)}.`,
      };
    }
    if (isRelative(specifier)) {
      return {
        problem: `${head} the import '${specifier}'${where} resolves to no file.`,
        fix: 'Fix the path of the import (relative to the importing file).',
      };
    }
    if (specifier.startsWith('.prisma/')) {
      return {
        problem: `${head} the import '${specifier}'${where} is Prisma's generated client, which has not been generated.`,
        fix: 'Run `npx prisma generate` in the project (after each change to the schema).',
      };
    }
    const alias = ALIAS_PREFIX.exec(specifier)?.[0];
    if (alias !== undefined) {
      const routesDir = routeFile === undefined ? undefined : routesFolderOf(routeFile, relativeFile);
      return aliasWithoutEntry({ head, specifier, alias, where, config, routesDir, show });
    }
    const baseUrl = config?.config.compilerOptions?.baseUrl;
    const under = baseUrl === undefined ? '' : `, nor under baseUrl '${baseUrl}' of ${show(config!.path)}`;
    return {
      problem: `${head} the import '${specifier}'${where} was not found as a package${under}.`,
      fix: `Install it in the project (npm install ${packageName(specifier)}) or fix the import.`,
    };
  }
  const message = (asError(error)?.message ?? String(error)).replace(/^Error: /, '');
  const syntax = PARSE_ERROR.exec(message);
  if (syntax !== null) {
    const [, problem, file, line, column] = syntax;
    return { problem: `${head} a syntax error at '${show(file)}:${line}:${column}': ${problem.replace(/\.$/, '')}.`, fix: 'Fix the code there.' };
  }
  const thrownIn = thrownWhileLoading(error);
  const thrown = thrownIn === undefined ? '' : ` (thrown while loading '${show(thrownIn)}')`;
  return { problem: `${head} ${message.replace(/\.$/, '')}${thrown}.` };
}

/** '@/', '~/', '#/', '$/': the prefixes of path aliases, which no npm package name can start with. */
const ALIAS_PREFIX = /^[@~#$]\//;
/** jiti's Babel parse error: "ParseError: Missing semicolon.  \n /abs/file.ts:2:14". */
const PARSE_ERROR = /^ParseError: ([^\n]*?)\s*\n\s*(\/[^\n]*?):(\d+):(\d+)\s*$/;

/** `import '@/lib/db'` and no paths entry for '@/*': the entry to add, and the config file to add it to (or to create). */
function aliasWithoutEntry(found: {
  head: string;
  specifier: string;
  alias: string;
  where: string;
  config: TsConfigResult | undefined;
  routesDir: string | undefined;
  show: (file: string) => string;
}): LoadFailure {
  const { head, specifier, alias, where, config, routesDir, show } = found;
  const root = config === undefined ? (routesDir === undefined ? undefined : (findProjectRoot(routesDir) ?? routesDir)) : path.dirname(config.path);
  const underSrc = root !== undefined && routesDir !== undefined && path.relative(root, routesDir).split(path.sep)[0] === 'src';
  const mapping = `"${alias}*": ["./${underSrc ? 'src/' : ''}*"]`;
  const entry = `"paths": { ${mapping} }`;
  const never = `is a path alias ('${alias}' never starts a package name)`;
  if (config === undefined) {
    const file = root === undefined ? 'a tsconfig.json (or jsconfig.json) in the project root' : path.join(root, 'tsconfig.json');
    return {
      problem: `${head} the import '${specifier}'${where} ${never}, and there is no tsconfig.json or jsconfig.json to map it.`,
      fix: `Create ${file} with { "compilerOptions": { ${entry} } }, or fix the import.`,
    };
  }
  const name = show(config.path);
  const keys = Object.keys(config.config.compilerOptions?.paths ?? {});
  const entries = keys.length === 0 ? '' : ` (its entries: ${keys.map((key) => `'${key}'`).join(', ')})`;
  return {
    problem: `${head} the import '${specifier}'${where} ${never}, and ${name} has no paths entry for it${entries}.`,
    fix:
      keys.length === 0
        ? `Add ${entry} to compilerOptions in ${name}, or fix the import.`
        : `Add ${mapping} to compilerOptions.paths in ${name}, or fix the import.`,
  };
}

/** '/srv/app/app/api/x/route.ts' and 'api/x/route.ts' -> '/srv/app/app'. */
function routesFolderOf(routeFile: string, relativeFile: string): string | undefined {
  const suffix = path.sep + relativeFile.split('/').join(path.sep);
  return routeFile.endsWith(suffix) ? routeFile.slice(0, -suffix.length) : undefined;
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
