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
 *   globalThis.WebSocket on Node 20   -> undici's (install-web-socket.ts), as Next provides it
 *   'next-auth' not installed in a routes folder outside any project -> nextpress's own
 *                                        (require-with-fallback.ts; no NODE_PATH, no private API)
 *
 * One jiti per project config (a routes folder outside any project shares one without paths).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runInThisContext } from 'node:vm';
import type { TsConfigResult } from 'get-tsconfig';
import type { createJiti } from 'jiti';
import { explainLoadFailure } from './describe-load-failure';
import { findProjectConfig, forgetProjectConfigs } from './find-project-config';
import { installWebSocket } from './install-web-socket';
import { jitiTsconfigPath } from './jiti-tsconfig-path';
import { moduleAliases } from './module-aliases';
import { RouteLoadError } from './route-load-error';
import { createRequireWithFallback } from './require-with-fallback';

type Jiti = ReturnType<typeof createJiti>;
type JitiOptions = NonNullable<Parameters<typeof createJiti>[1]>;

const jitis = new Map<string, Jiti>(); // by project config path ('' when there is none)

// Once, when the engine loads: Node 20 has no global WebSocket; Next gives route code one. On the
// global route code runs in: jiti evaluates it with vm.runInThisContext, which under jest is
// Node's main context rather than the test's sandbox (elsewhere the two are the same object).
installWebSocket(runInThisContext('globalThis') as typeof globalThis);

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
    jiti = process.env.JEST_WORKER_ID === undefined ? createLoader(options) : createJestJiti(options);
    jitis.set(key, jiti);
  }
  return jiti;
}

type JitiCore = (id: string, opts: JitiOptions, parent: object) => Jiti;

/**
 * jiti's core, as its public createJiti calls it, with one change: the `createRequire` each module's
 * `require` is built with resolves a bare specifier the project lacks from nextpress's own packages
 * (require-with-fallback.ts). jiti has no option for a fallback folder; this keeps it in the loader.
 */
const JITI_ROOT = path.dirname(require.resolve('jiti/package.json'));
const core = require(path.join(JITI_ROOT, 'dist/jiti.cjs')) as JitiCore;
let babelTransform: ((opts: unknown) => { code: string }) | undefined;
/** jiti's Babel transform, loaded on the first file that needs transpiling (a disk-cache hit does not). */
const babel = (opts: unknown) => {
  babelTransform ??= require(path.join(JITI_ROOT, 'dist/babel.cjs')) as (opts: unknown) => { code: string };
  return babelTransform(opts);
};

const onError = (error: unknown) => {
  throw error;
};
// A real dynamic import (the build would turn `import()` in this file into require()): ES modules load natively.
const nativeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

function createLoader(options: JitiOptions): Jiti {
  return core(__filename, { ...options, transform: babel }, { onError, nativeImport, createRequire: createRequireWithFallback });
}

/**
 * Under jest, a native `import()` from inside its sandbox throws ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG.
 * Without one, builtins and packages are required through jest's own `require` (so jest's
 * transforms and module mocks apply), while route files are still transpiled by jiti, top-level
 * await included.
 */
function createJestJiti(options: JitiOptions): Jiti {
  // jiti evaluates route code in Node's own context, whose `process` is not the test's: jest gives
  // each test file a copy (process.env included). Route code gets the test's process instead, so
  // `process.env.X = ...` in a test reaches it. Its own disk cache: this output is jest's only.
  (runInThisContext('globalThis') as Record<symbol, unknown>)[JEST_PROCESS] = process;
  const transform = (opts: unknown) => {
    const result = babel(opts);
    return { ...result, code: withJestProcess(result.code) };
  };
  const fsCache = path.join(os.tmpdir(), 'nextpress-jiti-jest', typeof options.fsCache === 'string' ? path.basename(options.fsCache) : 'default');
  return core(__filename, { ...options, fsCache, transform }, { onError, createRequire: createRequireWithFallback });
}

const JEST_PROCESS = Symbol.for('nextpress.jest.process');

/**
 * `var process = <the test file's process>;` first in the module (after a 'use strict' directive,
 * on its line, so line numbers stay); a module declaring its own `process` binding is left as it is.
 */
function withJestProcess(code: string): string {
  if (/\b(?:const|let|class|function)\s+process\b/.test(code)) return code;
  const line = `var process = globalThis[Symbol.for('nextpress.jest.process')] || globalThis.process;`;
  const directive = /^\s*(['"])use strict\1;?/.exec(code);
  return directive === null ? line + code : directive[0] + line + code.slice(directive[0].length);
}

/**
 * Development: a tsconfig or jsconfig changed (its `paths`, `baseUrl`, `jsxImportSource`): every
 * loader is built again from the configs as they are now, on the next import.
 */
export function forgetLoaders(): void {
  jitis.clear();
  forgetProjectConfigs();
}

/** Imports any project file (next.config.*, proxy.ts) through the same loader as route files; errors are the caller's to word. `fresh`: evaluated anew. */
export async function importProjectModule(file: string, { fresh = false }: { fresh?: boolean } = {}): Promise<Record<string, unknown>> {
  const jiti = jitiFor(findProjectConfig(path.dirname(file)));
  if (!fresh) return (await jiti.import<Record<string, unknown>>(file)) ?? {};
  // Development's reload: transpiled and evaluated again, even an ES module (next.config.mjs) that
  // an import() would take from Node's module cache, which nothing can clear.
  const source = await fs.promises.readFile(file, 'utf8');
  return ((await jiti.evalModule(source, { filename: file, async: true, forceTranspile: true })) as Record<string, unknown> | undefined) ?? {};
}

/**
 * Imports one route file. A file that fails to load becomes a RouteLoadError naming it, the import
 * that failed and (for an unresolved tsconfig alias) the entry tried; its `cause` is the original.
 */
export async function loadRouteModule(file: string, relativeFile: string): Promise<Record<string, unknown>> {
  let config: TsConfigResult | undefined;
  try {
    // Inside the try: a tsconfig that cannot be read (an `extends` naming a package that is not installed) names the route too.
    config = findProjectConfig(path.dirname(file));
    const mod = await jitiFor(config).import<Record<string, unknown>>(file);
    return mod ?? {};
  } catch (error) {
    throw new RouteLoadError(explainLoadFailure(relativeFile, error, config, file), error);
  }
}
