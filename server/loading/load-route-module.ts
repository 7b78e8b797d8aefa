/**
 * @module Importing a route file: TypeScript or JavaScript, ES module syntax, top-level await,
 * CommonJS packages' default exports (next-auth) and JSX (automatic runtime, as Next compiles it)
 * all work, through jiti (transpiles on load, caches the output on disk). Imports resolve as
 * under `next dev`:
 *
 *   '@/lib/db', 'lib/db'              -> the project's tsconfig/jsconfig `paths` and `baseUrl`
 *   'next/server', 'next/server.js'   -> nextpress's own modules, even if the project has `next`
 *   'server-only' / 'client-only'     -> an empty module / a module that throws
 *   <jsx/> in .tsx/.jsx               -> react/jsx-runtime of the project (or of nextpress), or the
 *                                        config's `jsxImportSource` (@emotion/react/jsx-runtime)
 *
 * One jiti per project config (a routes folder outside any project shares one without paths).
 */
import os from 'node:os';
import path from 'node:path';
import type { TsConfigResult } from 'get-tsconfig';
import { createJiti } from 'jiti';
import { describeLoadFailure } from './describe-load-failure';
import { findProjectConfig, NEXTPRESS_ROOT } from './find-project-config';
import { jitiTsconfigPath } from './jiti-tsconfig-path';
import { moduleAliases } from './module-aliases';
import { pinInstalledPackages } from './pin-installed-packages';
import { RouteLoadError } from './route-load-error';

type Jiti = ReturnType<typeof createJiti>;
type JitiOptions = NonNullable<Parameters<typeof createJiti>[1]>;

const jitis = new Map<string, Jiti>(); // by project config path ('' when there is none)

const BASE_OPTIONS: JitiOptions = {
  interopDefault: true,
  fsCache: true,
  moduleCache: true,
  jsx: { runtime: 'automatic' },
  // jiti's own list plus .jsx, so `import { Tag } from './Tag'` finds Tag.jsx (as Next does).
  extensions: ['.js', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts', '.mtsx', '.ctsx', '.json', '.jsx'],
};

function jitiFor(config: TsConfigResult | undefined): Jiti {
  const key = config?.path ?? '';
  let jiti = jitis.get(key);
  if (jiti === undefined) {
    const options: JitiOptions = { ...BASE_OPTIONS, alias: moduleAliases() };
    if (config !== undefined) {
      options.tsconfigPaths = jitiTsconfigPath(config.path);
      // "jsxImportSource": "@emotion/react" (or preact, ...) as Next's compiler honours it.
      const importSource = config.config.compilerOptions?.jsxImportSource;
      if (importSource !== undefined) {
        options.jsx = { runtime: 'automatic', importSource };
        // jiti's disk cache keys on the source, not on JSX options: a cache of its own per source.
        options.fsCache = path.join(os.tmpdir(), 'nextpress-jiti', importSource.replace(/[^\w.-]+/g, '_'));
      }
    }
    jiti = process.env.JEST_WORKER_ID === undefined ? createJiti(__filename, options) : createJestJiti(options);
    jitis.set(key, jiti);
  }
  return jiti;
}

/**
 * Under jest, a native `import()` from inside its sandbox throws ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG.
 * jiti's core takes the native import as a parameter: without one, builtins and packages are
 * required through jest's own `require` (so jest's transforms and module mocks apply), while route
 * files are still transpiled by jiti, top-level await included.
 */
function createJestJiti(options: JitiOptions): Jiti {
  const root = path.dirname(require.resolve('jiti/package.json'));
  const core = require(path.join(root, 'dist/jiti.cjs')) as (id: string, opts: object, parent: object) => Jiti;
  const babel = require(path.join(root, 'dist/babel.cjs')) as (...args: unknown[]) => unknown;
  return core(__filename, { ...options, transform: babel }, {
    onError: (error: unknown) => {
      throw error;
    },
    createRequire: (require('node:module') as typeof import('node:module')).createRequire,
  });
}

/**
 * A routes folder outside this project (ROUTES_DIR=/srv/app) resolves packages from its own
 * node_modules first, then from nextpress's: Node's NODE_PATH fallback, re-read once here.
 * (jiti has no option for a fallback folder: its resolution ends in Node's own require.resolve.)
 * A project with the real `next` or `server-only` installed gets nextpress's for its packages too.
 */
export function addPackageFallback(routesDir: string): void {
  pinInstalledPackages(routesDir);
  const relative = path.relative(NEXTPRESS_ROOT, routesDir);
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) return; // inside the project: ordinary resolution works
  const modules = path.join(NEXTPRESS_ROOT, 'node_modules');
  const current = (process.env.NODE_PATH ?? '').split(path.delimiter).filter(Boolean);
  if (current.includes(modules)) return;
  process.env.NODE_PATH = [...current, modules].join(path.delimiter);
  (require('node:module') as { _initPaths(): void })._initPaths();
}

/** Imports any project file (next.config.*, proxy.ts) through the same loader as route files; errors are the caller's to word. */
export async function importProjectModule(file: string): Promise<Record<string, unknown>> {
  return (await jitiFor(findProjectConfig(path.dirname(file))).import<Record<string, unknown>>(file)) ?? {};
}

/**
 * Imports one route file. A file that fails to load becomes a RouteLoadError naming it, the import
 * that failed and (for an unresolved tsconfig alias) the entry tried; its `cause` is the original.
 */
export async function loadRouteModule(file: string, relativeFile: string): Promise<Record<string, unknown>> {
  const config = findProjectConfig(path.dirname(file));
  try {
    const mod = await jitiFor(config).import<Record<string, unknown>>(file);
    return mod ?? {};
  } catch (error) {
    throw new RouteLoadError(describeLoadFailure(relativeFile, error, config), error);
  }
}
