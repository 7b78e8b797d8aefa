/**
 * @module The one schema for nextpress's environment: each variable with its default and accepted
 * form (the README's table follows this file), then the checks that span several variables, then
 * the shaping into a `Config`.
 */
import * as z from './zod';
import { parseBoolean } from './parse-boolean';
import { parseTrustProxy } from './parse-trust-proxy';
import { durationAtLeast, existing, host, httpUrl, integer, oneOf, redisUrl, routePatterns, sizeAtLeast, text, urlPath } from './parsers';
import type { AuthProvider, Config, LogLevel, NodeEnv, OAuthClient } from './types';
import { authjsSecrets } from './auth-secrets';
import { hideCredentials, hideSecret, variable } from './variable';
import { MIN_PRODUCTION_SECRET, weakSecret } from './weak-secret';

/** What the schema needs from outside the environment. */
export interface SchemaContext {
  /** Relative paths (ROUTES_DIR, AUTH_USERS_FILE) resolve against this folder. */
  cwd: string;
  /** What WEB_CONCURRENCY=auto means. */
  cpus: number;
}

const NODE_ENVS: readonly NodeEnv[] = ['development', 'production', 'test'];
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const AUTH_PROVIDERS: readonly AuthProvider[] = ['next-auth', 'authjs'];

const DURATION_FORM = 'milliseconds or a number with ms, s, m, h (e.g. 5000, 30s), at most 24.8 days (2147483647 ms, the longest timer Node keeps)';
const SIZE_FORM = 'bytes or a number with b, kb, mb, gb (e.g. 512kb, 10mb)';
const PATH_FORM = 'a URL path starting with / (e.g. /healthz)';

function variables({ cwd, cpus }: SchemaContext) {
  return {
    NODE_ENV: variable({
      parse: oneOf(NODE_ENVS),
      default: 'development',
      problem: 'is not a known environment',
      expected: NODE_ENVS.join(' | '),
    }),
    PORT: variable({ parse: integer(0, 65535), default: '3000', blank: 'reject', problem: 'is not a port', expected: 'an integer 0-65535' }),
    HOST: variable({
      parse: host,
      problem: 'is not a host',
      expected: 'an IP address or host name (e.g. 0.0.0.0, ::, localhost); unset listens on every interface',
    }),
    ROUTES_DIR: variable({
      parse: existing('directory', cwd),
      default: 'routes',
      blank: 'reject',
      problem: 'is not a folder',
      expected: 'a folder of route files, absolute or relative to the working directory',
    }),
    LOG_LEVEL: variable({
      parse: oneOf(LOG_LEVELS, true),
      problem: 'is not a log level',
      expected: LOG_LEVELS.join(' | '),
    }),
    TRUST_PROXY: variable({
      parse: parseTrustProxy,
      default: 'false',
      problem: 'is not a trust proxy setting',
      expected: 'true | false, a hop count (e.g. 1), or a comma list of addresses, subnets and loopback | linklocal | uniquelocal',
    }),
    BODY_LIMIT: variable({ parse: sizeAtLeast(1), default: '10mb', problem: 'is not a size', expected: SIZE_FORM }),
    HEADERS_TIMEOUT_MS: variable({
      parse: durationAtLeast(1),
      default: '60s',
      problem: 'is not a duration',
      expected: `${DURATION_FORM}, above 0`,
    }),
    REQUEST_TIMEOUT_MS: variable({
      parse: durationAtLeast(0),
      default: '300s',
      problem: 'is not a duration',
      expected: `${DURATION_FORM}; 0 turns it off`,
    }),
    HANDLER_TIMEOUT_MS: variable({
      parse: durationAtLeast(0),
      default: '0',
      problem: 'is not a duration',
      expected: `${DURATION_FORM}; 0 (the default) turns it off`,
    }),
    KEEP_ALIVE_TIMEOUT_MS: variable({
      parse: durationAtLeast(0),
      default: '5s',
      problem: 'is not a duration',
      expected: `${DURATION_FORM}; 0 turns it off`,
    }),
    SHUTDOWN_TIMEOUT_MS: variable({
      parse: durationAtLeast(1),
      default: '10s',
      problem: 'is not a duration',
      expected: `${DURATION_FORM}, above 0`,
    }),
    SHUTDOWN_DELAY_MS: variable({ parse: durationAtLeast(0), default: '0', problem: 'is not a duration', expected: `${DURATION_FORM}; 0: no delay` }),
    WEB_CONCURRENCY: variable({
      parse: (raw) => (raw.trim().toLowerCase() === 'auto' ? cpus : integer(1, 1024)(raw)),
      default: '1',
      problem: 'is not a process count',
      expected: 'an integer 1-1024, or auto (one per CPU)',
    }),
    PRELOAD_ROUTES: variable({
      parse: parseBoolean,
      default: 'false',
      problem: 'is not a boolean',
      expected: 'true | false | 1 | 0 | yes | no',
    }),
    HEALTH_PATH: variable({ parse: urlPath, default: '/healthz', problem: 'is not a URL path', expected: PATH_FORM }),
    READY_PATH: variable({ parse: urlPath, default: '/readyz', problem: 'is not a URL path', expected: PATH_FORM }),
    // The demo's (routes/api/github-users reads it itself): checked here so a bad URL stops the start; not part of Config.
    GITHUB_API_URL: variable({
      parse: httpUrl,
      default: 'https://api.github.com',
      problem: 'is not an http(s) URL',
      expected: 'an http:// or https:// URL (e.g. https://api.github.com)',
    }),
    AUTH_SECRET: variable({
      parse: text,
      show: hideSecret,
      problem: 'is not a secret',
      expected: `a random string (at least ${MIN_PRODUCTION_SECRET} characters in production)`,
    }),
    ...rotationSecrets(),
    AUTH_URL: variable({
      parse: httpUrl,
      problem: 'is not an http(s) URL',
      expected: 'the public http:// or https:// URL of this server (e.g. https://example.com)',
    }),
    AUTH_BASE_PATH: variable({
      parse: urlPath,
      default: '/api/auth',
      problem: 'is not a URL path',
      expected: 'a URL path starting with / (e.g. /api/auth)',
    }),
    AUTH_PROVIDER: variable({
      parse: oneOf(AUTH_PROVIDERS, true),
      default: 'next-auth',
      problem: 'is not a known auth provider',
      expected: AUTH_PROVIDERS.join(' | '),
    }),
    AUTH_GITHUB_ID: variable({ parse: text, problem: 'is not a client id', expected: 'the GitHub OAuth app client id' }),
    AUTH_GITHUB_SECRET: variable({
      parse: text,
      show: hideSecret,
      problem: 'is not a client secret',
      expected: 'the GitHub OAuth app client secret',
    }),
    AUTH_GOOGLE_ID: variable({ parse: text, problem: 'is not a client id', expected: 'the Google OAuth client id' }),
    AUTH_GOOGLE_SECRET: variable({
      parse: text,
      show: hideSecret,
      problem: 'is not a client secret',
      expected: 'the Google OAuth client secret',
    }),
    AUTH_USERS_FILE: variable({
      parse: existing('file', cwd),
      problem: 'is not a file',
      expected: 'a users file, absolute or relative to the working directory',
    }),
    PROTECTED_PATHS: variable({
      parse: routePatterns,
      problem: 'is not a list of route patterns',
      expected: 'a comma list of paths starting with /, which may use * and ** (e.g. /api/session,/api/admin/**)',
    }),
    CACHE_URL: variable({
      parse: redisUrl,
      show: hideCredentials,
      problem: 'is not a redis URL',
      expected: 'a redis:// or rediss:// URL (e.g. redis://localhost:6379); unset uses an in-memory cache',
    }),
    CACHE_MAX_ENTRIES: variable({
      parse: integer(1, Number.MAX_SAFE_INTEGER),
      default: '1000',
      problem: 'is not an entry count',
      expected: 'an integer above 0',
    }),
    CACHE_MAX_BYTES: variable({ parse: sizeAtLeast(1), default: '50mb', problem: 'is not a size', expected: SIZE_FORM }),
  };
}

/** AUTH_SECRET_1..3: Auth.js's secret rotation (the same variables Auth.js reads by itself). */
function rotationSecrets() {
  const secret = () =>
    variable({
      parse: text,
      show: hideSecret,
      problem: 'is not a secret',
      expected: `a random string (at least ${MIN_PRODUCTION_SECRET} characters in production) that Auth.js also accepts, or encrypts with`,
    });
  return { AUTH_SECRET_1: secret(), AUTH_SECRET_2: secret(), AUTH_SECRET_3: secret() };
}

const ROTATION = ['AUTH_SECRET_1', 'AUTH_SECRET_2', 'AUTH_SECRET_3'] as const;

/** Every variable nextpress reads, in the order errors are listed. */
export const VARIABLE_NAMES = Object.keys(variables({ cwd: '.', cpus: 1 })) as readonly string[];

type Variables = z.output<z.ZodObject<ReturnType<typeof variables>>>;

/**
 * Checks that span variables. They run even when a single variable already failed, so one boot
 * reports everything; a variable that failed holds zod's abort marker, hence the `typeof` guards.
 */
function checkTogether(v: Variables, ctx: z.RefinementCtx): void {
  const fail = (variable: string, message: string) => ctx.addIssue({ code: 'custom', path: [variable], message });

  if (v.NODE_ENV === 'production') {
    if (v.AUTH_SECRET === undefined) {
      fail(
        'AUTH_SECRET',
        `is required when NODE_ENV=production; expected a random string of at least ${MIN_PRODUCTION_SECRET} characters (e.g. from \`openssl rand -base64 32\`)`,
      );
    } else if (typeof v.AUTH_SECRET === 'string') {
      const weak = weakSecret(v.AUTH_SECRET);
      if (weak !== undefined) fail('AUTH_SECRET', weak);
    }
  }
  for (const name of ROTATION) {
    const value = v[name];
    if (typeof value !== 'string') continue;
    if (v.AUTH_PROVIDER === 'next-auth') {
      fail(
        name,
        `is set, but only Auth.js rotates secrets and AUTH_PROVIDER is next-auth (next-auth v4 takes one secret); expected it unset, or AUTH_PROVIDER=authjs`,
      );
    } else if (v.NODE_ENV === 'production') {
      const weak = weakSecret(value);
      if (weak !== undefined) fail(name, weak);
    }
  }
  for (const [id, secret] of [
    ['AUTH_GITHUB_ID', 'AUTH_GITHUB_SECRET'],
    ['AUTH_GOOGLE_ID', 'AUTH_GOOGLE_SECRET'],
  ] as const) {
    if (v[id] !== undefined && v[secret] === undefined) fail(secret, `is missing while ${id} is set; expected both or neither`);
    if (v[id] === undefined && v[secret] !== undefined) fail(id, `is missing while ${secret} is set; expected both or neither`);
  }
  const headers = v.HEADERS_TIMEOUT_MS;
  const request = v.REQUEST_TIMEOUT_MS;
  if (typeof headers === 'number' && typeof request === 'number' && request > 0 && headers >= request) {
    fail('HEADERS_TIMEOUT_MS', `${headers} ms is not less than REQUEST_TIMEOUT_MS (${request} ms); expected a duration below REQUEST_TIMEOUT_MS`);
  }
  if (typeof v.HEALTH_PATH === 'string' && v.HEALTH_PATH === v.READY_PATH) {
    fail('READY_PATH', `"${v.READY_PATH}" is also HEALTH_PATH; expected a different path`);
  }
}

function client(clientId: string | undefined, clientSecret: string | undefined): OAuthClient | undefined {
  return clientId !== undefined && clientSecret !== undefined ? { clientId, clientSecret } : undefined;
}

function toConfig(v: Variables): Config {
  return {
    nodeEnv: v.NODE_ENV,
    port: v.PORT,
    host: v.HOST,
    routesDir: v.ROUTES_DIR,
    logLevel: v.LOG_LEVEL ?? (v.NODE_ENV === 'test' ? 'silent' : 'info'),
    trustProxy: v.TRUST_PROXY,
    bodyLimit: v.BODY_LIMIT,
    preloadRoutes: v.PRELOAD_ROUTES,
    webConcurrency: v.WEB_CONCURRENCY,
    timeouts: {
      headersMs: v.HEADERS_TIMEOUT_MS,
      requestMs: v.REQUEST_TIMEOUT_MS,
      keepAliveMs: v.KEEP_ALIVE_TIMEOUT_MS,
      shutdownMs: v.SHUTDOWN_TIMEOUT_MS,
      shutdownDelayMs: v.SHUTDOWN_DELAY_MS,
      handlerMs: v.HANDLER_TIMEOUT_MS === 0 ? undefined : v.HANDLER_TIMEOUT_MS,
    },
    health: { livePath: v.HEALTH_PATH, readyPath: v.READY_PATH },
    auth: {
      secret: authjsSecrets(v),
      url: v.AUTH_URL,
      basePath: v.AUTH_BASE_PATH,
      provider: v.AUTH_PROVIDER,
      github: client(v.AUTH_GITHUB_ID, v.AUTH_GITHUB_SECRET),
      google: client(v.AUTH_GOOGLE_ID, v.AUTH_GOOGLE_SECRET),
      usersFile: v.AUTH_USERS_FILE,
      protectedPaths: v.PROTECTED_PATHS ?? [],
    },
    cache: { url: v.CACHE_URL, maxEntries: v.CACHE_MAX_ENTRIES, maxBytes: v.CACHE_MAX_BYTES },
  };
}

/** The environment (a record of strings; other variables are ignored) → `Config`. */
export function createConfigSchema(context: SchemaContext) {
  return z
    .object(variables(context))
    .check(z.superRefine(checkTogether, { when: () => true }))
    .transform(toConfig);
}
