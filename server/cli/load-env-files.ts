/**
 * @module loadEnvFiles: a project folder's env files -> process.env, as Next loads them, with
 * Next's own library for it (@next/env's loadEnvConfig). For the CLI, before the config is read:
 *   1. NODE_ENV (unset: development, nextpress's default) picks the files, first wins:
 *      `.env.$NODE_ENV.local`, `.env.local` (not when NODE_ENV=test), `.env.$NODE_ENV`, `.env`;
 *   2. a variable already in the environment is never overridden (real variables win);
 *   3. `$VAR` / `${VAR}` in a value expand (from the environment and the files);
 *   4. → the names of the files read, in that order (e.g. ['.env.local', '.env']).
 * A file that exists but cannot be read (no permission) throws NextpressError naming it.
 * Cluster workers inherit the result (@next/env marks process.env as processed).
 */
import path from 'node:path';
import { loadEnvConfig } from '@next/env';
import { NextpressError } from '../errors';

export function loadEnvFiles(dir: string): string[] {
  const failures: string[] = [];
  const log = {
    info: () => {},
    error: (message: string, error?: unknown) => failures.push(`${message}${error instanceof Error ? `: ${error.message}` : ''}`),
  };
  const dev = (process.env.NODE_ENV ?? 'development') === 'development';
  const { loadedEnvFiles } = loadEnvConfig(dir, dev, log);
  if (failures.length > 0) {
    throw new NextpressError(`Cannot read the env files in '${dir}': ${failures.join('; ')}. Make them readable, or remove them.`, { code: 'ENV_FILE' });
  }
  return loadedEnvFiles.map((file) => path.basename(file.path));
}
