/**
 * @module loadNextConfig: the project folder -> its next.config.{js,mjs,ts} read once, or
 * undefined when there is none. Steps:
 *   1. the first of next.config.js, .mjs, .ts, .cjs, .mts found at the project root;
 *   2. imported through the route loader (jiti); a function export is called with
 *      ('phase-production-server', { defaultConfig }), awaited;
 *   3. `headers()`, `redirects()`, `rewrites()` are called once and compiled;
 *   4. `env` is copied into process.env (its values win, as they do when Next inlines them);
 *   5. options with no meaning here are listed once, in one warning line (and `locale` fields of
 *      routes in another); development's reloads list them again only when the list changes.
 * Any failure throws a NextpressError naming the file (the start stops). `fresh` (development's
 * reload): the file is evaluated anew.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NextpressError } from '../errors';
import type { EngineLogger } from '../logging/engine-logger';
import { importProjectModule } from '../loading/load-route-module';
import { compileCustomRoutes, type CustomRoutes } from './compile-custom-routes';

export const CONFIG_FILES = ['next.config.js', 'next.config.mjs', 'next.config.ts', 'next.config.cjs', 'next.config.mts'];
export const PHASE_PRODUCTION_SERVER = 'phase-production-server';

/** The options nextpress acts on; every other key is reported as ignored. */
const SUPPORTED = new Set([
  'basePath',
  'trailingSlash',
  'skipTrailingSlashRedirect',
  'skipMiddlewareUrlNormalize',
  'skipProxyUrlNormalize',
  'env',
  'headers',
  'redirects',
  'rewrites',
]);

/** The part of Next's defaults that matters here (what `defaultConfig` holds). */
export const DEFAULT_CONFIG = Object.freeze({
  basePath: '',
  trailingSlash: false,
  skipTrailingSlashRedirect: false,
  skipProxyUrlNormalize: false,
  env: {},
  reactStrictMode: null,
  poweredByHeader: true,
  compress: true,
});

export interface NextConfig {
  /** The file, relative to the project folder (for messages). */
  file: string;
  basePath: string;
  trailingSlash: boolean;
  skipTrailingSlashRedirect: boolean;
  routes: CustomRoutes;
  ignored: string[];
}

export function findNextConfig(projectDir: string): string | undefined {
  return CONFIG_FILES.map((name) => path.join(projectDir, name)).find((file) => fs.existsSync(file));
}

export async function loadNextConfig(projectDir: string, logger: EngineLogger, fresh = false): Promise<NextConfig | undefined> {
  const absolute = findNextConfig(projectDir);
  if (absolute === undefined) return undefined;
  const file = path.basename(absolute);
  const failed = (step: string, error: unknown): NextpressError =>
    new NextpressError(`Failed to load ${file} (${step}): ${(error as Error)?.message ?? String(error)}. Fix ${file}; nextpress reads it once at start.`, {
      code: 'NEXT_CONFIG_FAILED',
      cause: error,
    });

  // 2. import, then call a function export
  let config: Record<string, unknown>;
  try {
    const mod = await importProjectModule(absolute, { fresh });
    let value: unknown = typeof mod === 'function' ? mod : (mod.default ?? mod);
    if (typeof value === 'function')
      value = await (value as (phase: string, ctx: object) => unknown)(PHASE_PRODUCTION_SERVER, { defaultConfig: DEFAULT_CONFIG });
    if (typeof value !== 'object' || value === null)
      throw new Error(`the config must be an object (or a function returning one), got ${value === null ? 'null' : typeof value}`);
    config = value as Record<string, unknown>;
  } catch (error) {
    if (error instanceof NextpressError) throw error;
    throw failed('import', error);
  }

  const basePath = config.basePath ?? '';
  if (typeof basePath !== 'string' || (basePath !== '' && (!basePath.startsWith('/') || basePath.endsWith('/')))) {
    throw new NextpressError(
      `Specified basePath has to start with a /, found "${String(basePath)}" in ${file}. basePath must not end with a /, e.g. '/docs'.`,
      { code: 'NEXT_CONFIG_INVALID' },
    );
  }
  const trailingSlash = config.trailingSlash === true;

  // 3. the custom routes, called once
  const call = async (name: 'headers' | 'redirects' | 'rewrites'): Promise<unknown> => {
    const fn = config[name];
    if (fn === undefined) return undefined;
    if (typeof fn !== 'function')
      throw new NextpressError(`\`${name}\` in ${file} must be an async function returning the routes.`, { code: 'NEXT_CONFIG_INVALID' });
    try {
      return await (fn as () => unknown).call(config);
    } catch (error) {
      throw failed(`${name}()`, error);
    }
  };
  const ignoredFields: string[] = [];
  const raw = { headers: await call('headers'), redirects: await call('redirects'), rewrites: await call('rewrites') };
  const routes = compileCustomRoutes(raw, file, { trailingSlash, ignored: (where) => ignoredFields.push(where) });

  // 4. env
  if (config.env !== undefined) {
    if (typeof config.env !== 'object' || config.env === null)
      throw new NextpressError(`\`env\` in ${file} must be an object of strings.`, { code: 'NEXT_CONFIG_INVALID' });
    for (const [key, value] of Object.entries(config.env)) if (value !== undefined) process.env[key] = String(value);
  }

  // 5. ignored options, once
  const ignored = Object.keys(config).filter((key) => !SUPPORTED.has(key) && config[key] !== undefined);
  if (ignoredFields.length > 0)
    logger.warn(
      { file, ignored: ignoredFields },
      `${file}: ${ignoredFields.join(', ')} ignored (nextpress has no i18n; routes match every path as if \`locale: false\`)`,
    );
  if (ignored.length > 0 && firstTime(logger, `${file}\0${ignored.join(',')}`))
    logger.warn(
      { file, ignored },
      `${file}: ${ignored.join(', ')} ${ignored.length === 1 ? 'has' : 'have'} no meaning on nextpress (it serves route handlers only) and ${ignored.length === 1 ? 'is' : 'are'} ignored`,
    );

  return { file, basePath, trailingSlash, skipTrailingSlashRedirect: config.skipTrailingSlashRedirect === true, routes, ignored };
}

/** Warnings already given, per logger (one server's): a reload of the same file with the same list says nothing. */
const given = new WeakMap<EngineLogger, Set<string>>();
function firstTime(logger: EngineLogger, key: string): boolean {
  let seen = given.get(logger);
  if (seen === undefined) given.set(logger, (seen = new Set()));
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}
