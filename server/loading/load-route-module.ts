/**
 * @module Importing a route file: TypeScript or JavaScript, ES module syntax, top-level await, and
 * CommonJS packages' default exports (next-auth) all work, through jiti (transpiles on load, caches
 * the output on disk). `next/*` always resolves to nextpress's own modules, wherever the file lives.
 */
import path from 'node:path';
import { createJiti } from 'jiti';
import { NextpressError } from '../errors';

type Jiti = ReturnType<typeof createJiti>;
let jiti: Jiti | undefined;

/** `next/server` -> this engine's own copy, so routes outside the repo (ROUTES_DIR) use it too. */
function nextAliases(): Record<string, string> {
  const dir = path.join(__dirname, '..', 'next');
  return {
    'next/server': path.join(dir, 'server'),
    'next/headers': path.join(dir, 'headers'),
    'next/navigation': path.join(dir, 'navigation'),
    'next/cache': path.join(dir, 'cache'),
    // Internal paths that Next code imports helpers from (isRedirectError, NextRequest types).
    'next/dist/client/components/redirect': path.join(dir, 'navigation'),
    'next/dist/client/components/redirect-error': path.join(dir, 'navigation'),
    'next/dist/client/components/not-found': path.join(dir, 'navigation'),
    'next/dist/client/components/navigation': path.join(dir, 'navigation'),
    'next/dist/server/web/spec-extension/request': path.join(dir, 'server'),
    'next/dist/server/web/spec-extension/response': path.join(dir, 'server'),
    // nextpress's own API for route files (auth(), users-file helpers): docs/auth.md.
    'nextpress/auth': path.join(__dirname, '..', 'auth', 'index'),
  };
}

const JITI_OPTIONS = { interopDefault: true, fsCache: true, moduleCache: true };

function getJiti(): Jiti {
  if (jiti !== undefined) return jiti;
  const options = { ...JITI_OPTIONS, alias: nextAliases() };
  jiti = process.env.JEST_WORKER_ID === undefined ? createJiti(__filename, options) : createJestJiti(options);
  return jiti;
}

/**
 * Under jest, a native `import()` from inside its sandbox throws ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG.
 * jiti's core takes the native import as a parameter: without one, builtins and packages are
 * required through jest's own `require` (so jest's transforms and module mocks apply), while route
 * files are still transpiled by jiti, top-level await included.
 */
function createJestJiti(options: typeof JITI_OPTIONS & { alias: Record<string, string> }): Jiti {
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
 */
export function addPackageFallback(routesDir: string): void {
  let projectRoot = path.resolve(__dirname, '..', '..'); // server/loading -> the project (or dist/)
  if (path.basename(projectRoot) === 'dist') projectRoot = path.dirname(projectRoot);
  const relative = path.relative(projectRoot, routesDir);
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) return; // inside the project: ordinary resolution works
  const modules = path.join(projectRoot, 'node_modules');
  const current = (process.env.NODE_PATH ?? '').split(path.delimiter).filter(Boolean);
  if (current.includes(modules)) return;
  process.env.NODE_PATH = [...current, modules].join(path.delimiter);
  (require('node:module') as { _initPaths(): void })._initPaths();
}

/** Imports any project file (next.config.*, proxy.ts) through the same loader as route files; errors are the caller's to word. */
export async function importProjectModule(file: string): Promise<Record<string, unknown>> {
  return (await getJiti().import<Record<string, unknown>>(file)) ?? {};
}

/** Imports one route file; a file that fails to load becomes a NextpressError naming it and the cause. */
export async function loadRouteModule(file: string, relativeFile: string): Promise<Record<string, unknown>> {
  try {
    const mod = await getJiti().import<Record<string, unknown>>(file);
    return mod ?? {};
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new NextpressError(`Failed to load route file '${relativeFile}': ${reason}. Fix the file; it will be loaded again on the next request.`, {
      status: 500,
      code: 'ROUTE_LOAD_FAILED',
      cause: error,
      expose: false,
    });
  }
}
