/**
 * @module loadProxy: the project folder -> its proxy.ts (Next 16) or middleware.ts (Next 12-15),
 * imported once, or undefined when there is none. Steps:
 *   1. look at the project root, then src/, for proxy.* and middleware.* (.ts .js .mjs .mts .cjs);
 *      both conventions present: refused with Next 16's message;
 *   2. import it (jiti, as route files); the function is `proxy` (or `middleware`), else the default export;
 *   3. compile `config.matcher` (none: every path). `config.runtime` is accepted and ignored (all runs on Node).
 * middleware.ts gets Next 16's deprecation warning, once. `fresh` (development's reload): evaluated anew.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NextpressError } from '../errors';
import type { EngineLogger } from '../logging/engine-logger';
import { importProjectModule } from '../loading/load-route-module';
import { compileMatcher, type ProxyMatcher } from './compile-matcher';

const EXTENSIONS = ['.ts', '.js', '.mjs', '.mts', '.cjs'];

export type ProxyFunction = (request: Request, event: { waitUntil(promise: Promise<unknown>): void }) => unknown;

export interface LoadedProxy {
  /** Relative to the project folder: './proxy.ts', './src/middleware.ts'. */
  file: string;
  run: ProxyFunction;
  matches: ProxyMatcher | undefined;
}

/** The proxy or middleware file of a project (absolute), or undefined; throws when both exist. */
export function findProxyFile(projectDir: string): { file: string; kind: 'proxy' | 'middleware' } | undefined {
  const find = (name: string): string | undefined => {
    for (const dir of [projectDir, path.join(projectDir, 'src')]) {
      for (const extension of EXTENSIONS) {
        const file = path.join(dir, name + extension);
        if (fs.existsSync(file)) return file;
      }
    }
    return undefined;
  };
  const proxy = find('proxy');
  const middleware = find('middleware');
  const relative = (file: string) => `./${path.relative(projectDir, file).split(path.sep).join('/')}`;
  if (proxy !== undefined && middleware !== undefined) {
    throw new NextpressError(
      `Both middleware file "${relative(middleware)}" and proxy file "${relative(proxy)}" are detected. Please use "${relative(proxy)}" only. Learn more: https://nextjs.org/docs/messages/middleware-to-proxy`,
      { code: 'PROXY_CONFLICT' },
    );
  }
  if (proxy !== undefined) return { file: proxy, kind: 'proxy' };
  if (middleware !== undefined) return { file: middleware, kind: 'middleware' };
  return undefined;
}

export async function loadProxy(projectDir: string, logger: EngineLogger, fresh = false): Promise<LoadedProxy | undefined> {
  const found = findProxyFile(projectDir);
  if (found === undefined) return undefined;
  const file = `./${path.relative(projectDir, found.file).split(path.sep).join('/')}`;
  if (found.kind === 'middleware' && !fresh) {
    logger.warn(
      { file },
      'The "middleware" file convention is deprecated. Please use "proxy" instead. Learn more: https://nextjs.org/docs/messages/middleware-to-proxy',
    );
  }
  let mod: Record<string, unknown>;
  try {
    mod = await importProjectModule(found.file, { fresh });
  } catch (error) {
    throw new NextpressError(
      `Failed to load ${found.kind} file "${file}": ${(error as Error)?.message ?? String(error)}. Fix the file; it is read once at start.`,
      { code: 'PROXY_LOAD_FAILED', cause: error },
    );
  }
  const run = [mod[found.kind], mod.default, mod].find((candidate) => typeof candidate === 'function') as ProxyFunction | undefined;
  if (run === undefined) {
    throw new NextpressError(`The ${found.kind} file "${file}" must export a function, either as a default export or as a named "${found.kind}" export.`, {
      code: 'PROXY_NO_FUNCTION',
    });
  }
  const config = (mod.config ?? {}) as { matcher?: unknown };
  return { file, run, matches: compileMatcher(config.matcher, file) };
}
