/**
 * @module loadConfig: the environment (plus an optional `.env` file, which real variables override)
 * → a frozen, typed Config. Every bad variable is reported at once in one ConfigError.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { readEnvFile } from './env-file';
import { ConfigError, exitOnConfigError, toConfigProblems } from './errors';
import { createConfigSchema, VARIABLE_NAMES } from './schema';
import type { Config } from './types';

export interface LoadConfigOptions {
  /** Where `.env`, ROUTES_DIR and AUTH_USERS_FILE are looked up (default: process.cwd()). */
  cwd?: string;
  /** The dotenv file, relative to `cwd`; `false` reads none (default: `.env`). */
  envFile?: string | false;
  /** What WEB_CONCURRENCY=auto means (default: os.availableParallelism()). */
  cpus?: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): Config {
  const cwd = options.cwd ?? process.cwd();
  const envFile = options.envFile ?? '.env';
  const merged = envFile === false ? env : { ...readEnvFile(join(cwd, envFile)), ...env };
  const schema = createConfigSchema({ cwd, cpus: options.cpus ?? availableParallelism() });
  const result = schema.safeParse(merged);
  if (!result.success) throw new ConfigError(toConfigProblems(result.error, VARIABLE_NAMES));
  return deepFreeze(result.data);
}

/** loadConfig for the CLI: a ConfigError prints its message (no stack) and exits 1. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): Config {
  try {
    return loadConfig(env, options);
  } catch (error) {
    return exitOnConfigError(error);
  }
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child);
  }
  return Object.freeze(value);
}

export { ConfigError, exitOnConfigError, formatConfigProblems } from './errors';
export type { ConfigProblem } from './errors';
export { VARIABLE_NAMES } from './schema';
export type {
  AuthConfig,
  AuthProvider,
  CacheConfig,
  Config,
  HealthPaths,
  LogLevel,
  NodeEnv,
  OAuthClient,
  Timeouts,
  TrustProxy,
} from './types';
