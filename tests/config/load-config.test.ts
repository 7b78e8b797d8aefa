import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../config';

// Created at load time, not in beforeAll, because the case tables below name paths inside it.
const cwd = mkdtempSync(join(tmpdir(), 'nextpress-config-'));
mkdirSync(join(cwd, 'routes'));
mkdirSync(join(cwd, 'api-routes'));
writeFileSync(join(cwd, 'users.json'), '[]');

afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
});

const load = (env: NodeJS.ProcessEnv): Config => loadConfig(env, { cwd, envFile: false, cpus: 4 });
const SECRET = 'a-test-secret-that-is-32-chars-!';

describe('loadConfig defaults', () => {
  test('an empty environment gives every default', () => {
    expect(load({})).toEqual({
      nodeEnv: 'development',
      port: 3000,
      host: undefined,
      routesDir: join(cwd, 'routes'),
      logLevel: 'info',
      trustProxy: false,
      bodyLimit: 10 * 1024 * 1024,
      preloadRoutes: false,
      webConcurrency: 1,
      timeouts: { headersMs: 60_000, requestMs: 300_000, keepAliveMs: 5_000, shutdownMs: 10_000, shutdownDelayMs: 0 },
      health: { livePath: '/healthz', readyPath: '/readyz' },
      auth: {
        secret: undefined,
        url: undefined,
        basePath: '/api/auth',
        provider: 'next-auth',
        github: undefined,
        google: undefined,
        usersFile: undefined,
        protectedPaths: [],
      },
      cache: { url: undefined, maxEntries: 1000, maxBytes: 50 * 1024 * 1024 },
    });
  });

  test('LOG_LEVEL defaults to silent under NODE_ENV=test', () => {
    expect(load({ NODE_ENV: 'test' }).logLevel).toBe('silent');
    expect(load({ NODE_ENV: 'test', LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
  });

  test('blank values count as unset (except PORT and ROUTES_DIR, where blank is an error)', () => {
    expect(load({ HOST: '  ', BODY_LIMIT: '' })).toMatchObject({ port: 3000, host: undefined, bodyLimit: 10_485_760 });
  });

  test('HANDLER_TIMEOUT_MS: off by default, a duration when set', () => {
    expect(load({}).timeouts.handlerMs).toBeUndefined();
    expect(load({ HANDLER_TIMEOUT_MS: '0' }).timeouts.handlerMs).toBeUndefined();
    expect(load({ HANDLER_TIMEOUT_MS: '30s' }).timeouts.handlerMs).toBe(30_000);
  });

  test('other variables are ignored', () => {
    expect(() => load({ PATH: '/bin', SOMETHING_ELSE: 'x' })).not.toThrow();
  });
});

describe('loadConfig accepted forms', () => {
  const pick = (config: Config, path: string): unknown => path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], config);

  test.each<[NodeJS.ProcessEnv, string, unknown]>([
    [{ NODE_ENV: 'production', AUTH_SECRET: SECRET }, 'nodeEnv', 'production'],
    [{ NODE_ENV: 'test' }, 'nodeEnv', 'test'],
    [{ PORT: '0' }, 'port', 0],
    [{ PORT: '8080' }, 'port', 8080],
    [{ PORT: '65535' }, 'port', 65535],
    [{ HOST: '127.0.0.1' }, 'host', '127.0.0.1'],
    [{ HOST: '::' }, 'host', '::'],
    [{ HOST: 'localhost' }, 'host', 'localhost'],
    [{ HOST: 'app.internal' }, 'host', 'app.internal'],
    [{ ROUTES_DIR: 'api-routes' }, 'routesDir', join(cwd, 'api-routes')],
    [{ LOG_LEVEL: 'DEBUG' }, 'logLevel', 'debug'],
    [{ LOG_LEVEL: 'silent' }, 'logLevel', 'silent'],
    [{ LOG_LEVEL: 'fatal' }, 'logLevel', 'fatal'],
    [{ TRUST_PROXY: 'true' }, 'trustProxy', true],
    [{ TRUST_PROXY: '1' }, 'trustProxy', 1],
    [{ TRUST_PROXY: 'loopback, 10.0.0.0/8' }, 'trustProxy', ['loopback', '10.0.0.0/8']],
    [{ BODY_LIMIT: '512kb' }, 'bodyLimit', 524_288],
    [{ BODY_LIMIT: '2048' }, 'bodyLimit', 2048],
    [{ HEADERS_TIMEOUT_MS: '10s' }, 'timeouts.headersMs', 10_000],
    [{ HEADERS_TIMEOUT_MS: '2500' }, 'timeouts.headersMs', 2500],
    [{ REQUEST_TIMEOUT_MS: '2m' }, 'timeouts.requestMs', 120_000],
    [{ REQUEST_TIMEOUT_MS: '0' }, 'timeouts.requestMs', 0],
    [{ KEEP_ALIVE_TIMEOUT_MS: '65000' }, 'timeouts.keepAliveMs', 65_000],
    [{ KEEP_ALIVE_TIMEOUT_MS: '0' }, 'timeouts.keepAliveMs', 0],
    [{ SHUTDOWN_TIMEOUT_MS: '30s' }, 'timeouts.shutdownMs', 30_000],
    [{ SHUTDOWN_DELAY_MS: '2s' }, 'timeouts.shutdownDelayMs', 2_000],
    [{ SHUTDOWN_DELAY_MS: '0' }, 'timeouts.shutdownDelayMs', 0],
    [{ WEB_CONCURRENCY: '3' }, 'webConcurrency', 3],
    [{ WEB_CONCURRENCY: 'auto' }, 'webConcurrency', 4],
    [{ WEB_CONCURRENCY: 'AUTO' }, 'webConcurrency', 4],
    [{ PRELOAD_ROUTES: 'yes' }, 'preloadRoutes', true],
    [{ PRELOAD_ROUTES: '1' }, 'preloadRoutes', true],
    [{ PRELOAD_ROUTES: 'false' }, 'preloadRoutes', false],
    [{ HEALTH_PATH: '/health/live/' }, 'health.livePath', '/health/live'],
    [{ READY_PATH: '/health/ready' }, 'health.readyPath', '/health/ready'],
    [{ AUTH_SECRET: 'short is fine outside production' }, 'auth.secret', 'short is fine outside production'],
    // Auth.js's own order for rotation: [AUTH_SECRET_3, _2, _1, AUTH_SECRET]; the first encrypts.
    [{ AUTH_PROVIDER: 'authjs', AUTH_SECRET: 'oldest', AUTH_SECRET_1: 'one', AUTH_SECRET_3: 'three' }, 'auth.secret', ['three', 'one', 'oldest']],
    [{ AUTH_PROVIDER: 'authjs', AUTH_SECRET_1: 'only one' }, 'auth.secret', ['only one']],
    [{ AUTH_URL: 'https://example.com' }, 'auth.url', 'https://example.com'],
    [{ AUTH_BASE_PATH: '/auth' }, 'auth.basePath', '/auth'],
    [{ AUTH_PROVIDER: 'authjs' }, 'auth.provider', 'authjs'],
    [{ AUTH_GITHUB_ID: 'gh-id', AUTH_GITHUB_SECRET: 'gh-secret' }, 'auth.github', { clientId: 'gh-id', clientSecret: 'gh-secret' }],
    [{ AUTH_GOOGLE_ID: 'g-id', AUTH_GOOGLE_SECRET: 'g-secret' }, 'auth.google', { clientId: 'g-id', clientSecret: 'g-secret' }],
    [{ AUTH_USERS_FILE: 'users.json' }, 'auth.usersFile', join(cwd, 'users.json')],
    [{ PROTECTED_PATHS: '/api/session, /api/admin/**,' }, 'auth.protectedPaths', ['/api/session', '/api/admin/**']],
    [{ PROTECTED_PATHS: '/users/[id]/*' }, 'auth.protectedPaths', ['/users/[id]/*']],
    [{ CACHE_URL: 'redis://localhost:6379' }, 'cache.url', 'redis://localhost:6379'],
    [{ CACHE_URL: 'rediss://:pw@cache:6380/0' }, 'cache.url', 'rediss://:pw@cache:6380/0'],
    [{ CACHE_MAX_ENTRIES: '50' }, 'cache.maxEntries', 50],
    [{ CACHE_MAX_BYTES: '1gb' }, 'cache.maxBytes', 1024 ** 3],
  ])('%j → %s = %j', (env, path, expected) => {
    expect(pick(load(env), path)).toEqual(expected);
  });
});

describe('loadConfig sources and result', () => {
  test('reads .env from cwd; real variables win', () => {
    writeFileSync(join(cwd, '.env'), 'PORT=4000\nLOG_LEVEL=debug\n# a comment\nBODY_LIMIT="1mb"\n');
    try {
      const config = loadConfig({ PORT: '5000' }, { cwd });
      expect(config).toMatchObject({ port: 5000, logLevel: 'debug', bodyLimit: 1024 * 1024 });
      expect(loadConfig({}, { cwd, envFile: false }).port).toBe(3000);
    } finally {
      rmSync(join(cwd, '.env'));
    }
  });

  test('a missing .env is fine', () => {
    expect(loadConfig({}, { cwd }).port).toBe(3000);
  });

  test('envFile names another file relative to cwd', () => {
    writeFileSync(join(cwd, 'custom.env'), 'PORT=4100\n');
    expect(loadConfig({}, { cwd, envFile: 'custom.env' }).port).toBe(4100);
  });

  test('the result is deeply frozen', () => {
    const config = load({ PROTECTED_PATHS: '/a', AUTH_GITHUB_ID: 'i', AUTH_GITHUB_SECRET: 's' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.timeouts)).toBe(true);
    expect(Object.isFrozen(config.auth)).toBe(true);
    expect(Object.isFrozen(config.auth.github)).toBe(true);
    expect(Object.isFrozen(config.auth.protectedPaths)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
  });
});
