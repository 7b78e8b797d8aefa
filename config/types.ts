/**
 * @module The typed, frozen configuration `loadConfig` returns. Every field is already parsed:
 * sizes are bytes, durations are milliseconds, paths are absolute.
 */
import type { TrustProxy } from './parse-trust-proxy';

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type AuthProvider = 'next-auth' | 'authjs';
export type { TrustProxy };

export interface Config {
  readonly nodeEnv: NodeEnv;
  readonly port: number;
  /** Undefined: listen on every interface. */
  readonly host: string | undefined;
  /** Absolute path of an existing folder. */
  readonly routesDir: string;
  readonly logLevel: LogLevel;
  /** Ready for `app.set('trust proxy', ...)`. */
  readonly trustProxy: TrustProxy;
  /** Largest request body the engine reads, in bytes. */
  readonly bodyLimit: number;
  /** Import every route file at start instead of on first request. */
  readonly preloadRoutes: boolean;
  /** How many processes serve requests; above 1 the CLI runs a node:cluster primary. */
  readonly webConcurrency: number;
  readonly timeouts: Timeouts;
  readonly health: HealthPaths;
  readonly auth: AuthConfig;
  readonly cache: CacheConfig;
}

/** Milliseconds; `requestMs` and `keepAliveMs` may be 0 (off), as in node:http. */
export interface Timeouts {
  readonly headersMs: number;
  readonly requestMs: number;
  readonly keepAliveMs: number;
  /** How long a graceful shutdown may wait for in-flight work before exiting anyway. */
  readonly shutdownMs: number;
  /**
   * SHUTDOWN_DELAY_MS: how long a shutdown keeps accepting, readiness already 503, before it stops
   * accepting (so a load balancer's health check takes the instance out first); 0: at once.
   */
  readonly shutdownDelayMs: number;
  /** HANDLER_TIMEOUT_MS: the longest a response may take for routes without `maxDuration`; undefined: no limit. */
  readonly handlerMs: number | undefined;
}

export interface HealthPaths {
  readonly livePath: string;
  readonly readyPath: string;
}

export interface AuthConfig {
  /**
   * AUTH_SECRET; required when NODE_ENV=production. With AUTH_SECRET_1..3 set (Auth.js rotation),
   * the list Auth.js builds from them: [AUTH_SECRET_3, _2, _1, AUTH_SECRET], the first encrypts
   * new cookies and every one is tried on the way in.
   */
  readonly secret: string | readonly string[] | undefined;
  readonly url: string | undefined;
  readonly basePath: string;
  readonly provider: AuthProvider;
  readonly github: OAuthClient | undefined;
  readonly google: OAuthClient | undefined;
  /** Absolute path of an existing file. */
  readonly usersFile: string | undefined;
  /** Route patterns such as `/api/session` or `/api/admin/**`, as written. */
  readonly protectedPaths: readonly string[];
}

export interface OAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface CacheConfig {
  /** A redis:// or rediss:// URL; undefined means the in-memory cache. */
  readonly url: string | undefined;
  readonly maxEntries: number;
  readonly maxBytes: number;
}
