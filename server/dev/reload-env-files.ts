/**
 * @module reloadEnvFiles: development, an env file changed -> process.env as `next dev` makes it
 * (@next/env's loadEnvConfig with forceReload): the environment the process started with, then
 * the files in Next's order. Route code reading process.env sees the new values on its next
 * request (and module-level reads once the reload has evaluated the modules again).
 *
 *   .env: A=1 -> A=2                  -> process.env.A === '2'; returns ['.env']
 *   .env.local loses B                 -> process.env.B deleted (unless the real environment set it)
 *   A set in the real environment      -> stays (real variables win over files)
 *   set by the process itself since    -> kept (a development AUTH_SECRET, next.config `env`)
 * A file that cannot be read is reported to `onError`; the others still load.
 */
import { loadEnvConfig } from '@next/env';

export function reloadEnvFiles(dir: string, onError: (message: string) => void): string[] {
  const dev = (process.env.NODE_ENV ?? 'development') === 'development';
  const quiet = { info: () => {}, error: () => {} };
  // The last load's values (cached by @next/env, nothing read): what the files, not the process, set.
  const fromFiles = loadEnvConfig(dir, dev, quiet).parsedEnv ?? {};
  const before = { ...process.env };
  const log = {
    info: () => {},
    error: (message: string, error?: unknown) => onError(`${message}${error instanceof Error ? `: ${error.message}` : ''}`),
  };
  const { loadedEnvFiles } = loadEnvConfig(dir, dev, log, true);
  // forceReload puts back the starting environment: what the process set since is restored.
  for (const [key, value] of Object.entries(before)) {
    if (value !== undefined && process.env[key] === undefined && !(key in fromFiles)) process.env[key] = value;
  }
  return loadedEnvFiles.map((file) => file.path);
}
