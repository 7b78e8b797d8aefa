import { afterAll, describe, expect, jest, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ConfigError, exitOnConfigError, loadConfig, VARIABLE_NAMES, type ConfigProblem } from '../../config';

// Created at load time, not in beforeAll, because the case table below names paths inside it.
const cwd = mkdtempSync(join(tmpdir(), 'nextpress-config-errors-'));
const bare = join(cwd, 'bare');
mkdirSync(join(cwd, 'routes'));
mkdirSync(bare);
writeFileSync(join(cwd, 'file.txt'), 'not a folder');

afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
});

function problemsOf(env: NodeJS.ProcessEnv, folder = cwd): ConfigProblem[] {
  try {
    loadConfig(env, { cwd: folder, envFile: false, cpus: 4 });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error('expected a ConfigError');
}

const DURATION = 'milliseconds or a number with ms, s, m, h (e.g. 5000, 30s), at most 24.8 days (2147483647 ms, the longest timer Node keeps)';
const SIZE = 'bytes or a number with b, kb, mb, gb (e.g. 512kb, 10mb)';
const PATH = 'a URL path starting with / (e.g. /healthz)';
const TRUST = 'true | false, a hop count (e.g. 1), or a comma list of addresses, subnets and loopback | linklocal | uniquelocal';
const SECRET_FIX = 'expected a random string of at least 32 characters (e.g. from `openssl rand -base64 32`)';

/** [variable, environment, the message after "VARIABLE: "] */
const CASES: Array<[string, NodeJS.ProcessEnv, string]> = [
  ['NODE_ENV', { NODE_ENV: 'staging' }, '"staging" is not a known environment; expected development | production | test'],
  ['NODE_ENV', { NODE_ENV: 'Production' }, '"Production" is not a known environment; expected development | production | test'],
  ['PORT', { PORT: 'abc' }, '"abc" is not a port; expected an integer 0-65535'],
  ['PORT', { PORT: '65536' }, '"65536" is not a port; expected an integer 0-65535'],
  ['PORT', { PORT: '-1' }, '"-1" is not a port; expected an integer 0-65535'],
  ['PORT', { PORT: '80.5' }, '"80.5" is not a port; expected an integer 0-65535'],
  ['HOST', { HOST: 'my host' }, '"my host" is not a host; expected an IP address or host name (e.g. 0.0.0.0, ::, localhost); unset listens on every interface'],
  [
    'HOST',
    { HOST: 'http://x' },
    '"http://x" is not a host; expected an IP address or host name (e.g. 0.0.0.0, ::, localhost); unset listens on every interface',
  ],
  [
    'ROUTES_DIR',
    { ROUTES_DIR: 'missing' },
    `"missing" does not exist (resolved to ${join(cwd, 'missing')}); expected a folder of route files, absolute or relative to the working directory`,
  ],
  [
    'ROUTES_DIR',
    { ROUTES_DIR: 'file.txt' },
    `"file.txt" is not a directory (resolved to ${join(cwd, 'file.txt')}); expected a folder of route files, absolute or relative to the working directory`,
  ],
  ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }, '"verbose" is not a log level; expected fatal | error | warn | info | debug | trace | silent'],
  ['TRUST_PROXY', { TRUST_PROXY: 'sometimes' }, `"sometimes" is not a trust proxy setting; expected ${TRUST}`],
  ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.0/33' }, `"10.0.0.0/33" is not a trust proxy setting; expected ${TRUST}`],
  ['BODY_LIMIT', { BODY_LIMIT: '10 zb' }, `"10 zb" is not a size; expected ${SIZE}`],
  ['BODY_LIMIT', { BODY_LIMIT: '0' }, `"0" is not a size; expected ${SIZE}`],
  ['HEADERS_TIMEOUT_MS', { HEADERS_TIMEOUT_MS: 'soon' }, `"soon" is not a duration; expected ${DURATION}, above 0`],
  ['HEADERS_TIMEOUT_MS', { HEADERS_TIMEOUT_MS: '0' }, `"0" is not a duration; expected ${DURATION}, above 0`],
  [
    'HEADERS_TIMEOUT_MS',
    { HEADERS_TIMEOUT_MS: '30s', REQUEST_TIMEOUT_MS: '30s' },
    '30000 ms is not less than REQUEST_TIMEOUT_MS (30000 ms); expected a duration below REQUEST_TIMEOUT_MS',
  ],
  [
    'HEADERS_TIMEOUT_MS',
    { REQUEST_TIMEOUT_MS: '10s' },
    '60000 ms is not less than REQUEST_TIMEOUT_MS (10000 ms); expected a duration below REQUEST_TIMEOUT_MS',
  ],
  ['PORT', { PORT: '' }, 'is set but empty; expected an integer 0-65535, or leave it unset for the default ("3000")'],
  [
    'ROUTES_DIR',
    { ROUTES_DIR: '  ' },
    'is set but empty; expected a folder of route files, absolute or relative to the working directory, or leave it unset for the default ("routes")',
  ],
  ['BODY_LIMIT', { BODY_LIMIT: '1tb' }, `"1tb" is not a size; expected bytes or a number with b, kb, mb, gb (e.g. 512kb, 10mb)`],
  ['HANDLER_TIMEOUT_MS', { HANDLER_TIMEOUT_MS: 'soon' }, `"soon" is not a duration; expected ${DURATION}; 0 (the default) turns it off`],
  ['HANDLER_TIMEOUT_MS', { HANDLER_TIMEOUT_MS: '3000000000' }, `"3000000000" is not a duration; expected ${DURATION}; 0 (the default) turns it off`],
  ['REQUEST_TIMEOUT_MS', { REQUEST_TIMEOUT_MS: '-1' }, `"-1" is not a duration; expected ${DURATION}; 0 turns it off`],
  ['KEEP_ALIVE_TIMEOUT_MS', { KEEP_ALIVE_TIMEOUT_MS: '5 days' }, `"5 days" is not a duration; expected ${DURATION}; 0 turns it off`],
  ['SHUTDOWN_TIMEOUT_MS', { SHUTDOWN_TIMEOUT_MS: '0' }, `"0" is not a duration; expected ${DURATION}, above 0`],
  ['SHUTDOWN_DELAY_MS', { SHUTDOWN_DELAY_MS: 'a bit' }, `"a bit" is not a duration; expected ${DURATION}; 0: no delay`],
  ['WEB_CONCURRENCY', { WEB_CONCURRENCY: '0' }, '"0" is not a process count; expected an integer 1-1024, or auto (one per CPU)'],
  ['WEB_CONCURRENCY', { WEB_CONCURRENCY: 'many' }, '"many" is not a process count; expected an integer 1-1024, or auto (one per CPU)'],
  ['PRELOAD_ROUTES', { PRELOAD_ROUTES: 'maybe' }, '"maybe" is not a boolean; expected true | false | 1 | 0 | yes | no'],
  ['HEALTH_PATH', { HEALTH_PATH: 'healthz' }, `"healthz" is not a URL path; expected ${PATH}`],
  ['READY_PATH', { READY_PATH: '/ready?full=1' }, `"/ready?full=1" is not a URL path; expected ${PATH}`],
  ['READY_PATH', { HEALTH_PATH: '/health', READY_PATH: '/health/' }, '"/health" is also HEALTH_PATH; expected a different path'],
  [
    'GITHUB_API_URL',
    { GITHUB_API_URL: 'api.github.com' },
    '"api.github.com" is not an http(s) URL; expected an http:// or https:// URL (e.g. https://api.github.com)',
  ],
  [
    'GITHUB_API_URL',
    { GITHUB_API_URL: 'ftp://api.github.com' },
    '"ftp://api.github.com" is not an http(s) URL; expected an http:// or https:// URL (e.g. https://api.github.com)',
  ],
  ['AUTH_SECRET', { NODE_ENV: 'production' }, `is required when NODE_ENV=production; ${SECRET_FIX}`],
  [
    'AUTH_SECRET',
    { NODE_ENV: 'production', AUTH_SECRET: 'hunter2' },
    `(hidden, 7 characters) is too short for production; expected at least 32 characters (e.g. from \`openssl rand -base64 32\`)`,
  ],
  [
    'AUTH_SECRET',
    { NODE_ENV: 'production', AUTH_SECRET: 'a'.repeat(40) },
    `(hidden, 40 characters) has only 1 distinct character, too few for a random secret; expected at least 8 (e.g. from \`openssl rand -base64 32\`)`,
  ],
  [
    'AUTH_SECRET',
    { NODE_ENV: 'production', AUTH_SECRET: '12'.repeat(20) },
    `(hidden, 40 characters) has only 2 distinct characters, too few for a random secret; expected at least 8 (e.g. from \`openssl rand -base64 32\`)`,
  ],
  [
    'AUTH_SECRET_1',
    { AUTH_SECRET_1: 'a-newer-secret-of-at-least-32-characters' },
    'is set, but only Auth.js rotates secrets and AUTH_PROVIDER is next-auth (next-auth v4 takes one secret); expected it unset, or AUTH_PROVIDER=authjs',
  ],
  [
    'AUTH_SECRET_2',
    { NODE_ENV: 'production', AUTH_PROVIDER: 'authjs', AUTH_SECRET: 'a-test-secret-that-is-32-chars-!', AUTH_SECRET_2: 'hunter2' },
    `(hidden, 7 characters) is too short for production; expected at least 32 characters (e.g. from \`openssl rand -base64 32\`)`,
  ],
  [
    'AUTH_SECRET_3',
    { AUTH_PROVIDER: 'next-auth', AUTH_SECRET_3: 'short' },
    'is set, but only Auth.js rotates secrets and AUTH_PROVIDER is next-auth (next-auth v4 takes one secret); expected it unset, or AUTH_PROVIDER=authjs',
  ],
  [
    'AUTH_URL',
    { AUTH_URL: 'example.com' },
    '"example.com" is not an http(s) URL; expected the public http:// or https:// URL of this server (e.g. https://example.com)',
  ],
  ['AUTH_BASE_PATH', { AUTH_BASE_PATH: 'api/auth' }, '"api/auth" is not a URL path; expected a URL path starting with / (e.g. /api/auth)'],
  ['AUTH_PROVIDER', { AUTH_PROVIDER: 'clerk' }, '"clerk" is not a known auth provider; expected next-auth | authjs'],
  ['AUTH_GITHUB_ID', { AUTH_GITHUB_SECRET: 'gh-secret' }, 'is missing while AUTH_GITHUB_SECRET is set; expected both or neither'],
  ['AUTH_GITHUB_SECRET', { AUTH_GITHUB_ID: 'gh-id' }, 'is missing while AUTH_GITHUB_ID is set; expected both or neither'],
  ['AUTH_GOOGLE_ID', { AUTH_GOOGLE_SECRET: 'g-secret' }, 'is missing while AUTH_GOOGLE_SECRET is set; expected both or neither'],
  ['AUTH_GOOGLE_SECRET', { AUTH_GOOGLE_ID: 'g-id' }, 'is missing while AUTH_GOOGLE_ID is set; expected both or neither'],
  [
    'AUTH_USERS_FILE',
    { AUTH_USERS_FILE: 'users.json' },
    `"users.json" does not exist (resolved to ${join(cwd, 'users.json')}); expected a users file, absolute or relative to the working directory`,
  ],
  [
    'AUTH_USERS_FILE',
    { AUTH_USERS_FILE: 'routes' },
    `"routes" is not a file (resolved to ${join(cwd, 'routes')}); expected a users file, absolute or relative to the working directory`,
  ],
  [
    'PROTECTED_PATHS',
    { PROTECTED_PATHS: '/api/session,api/admin' },
    '"/api/session,api/admin" is not a list of route patterns; expected a comma list of paths starting with /, which may use * and ** (e.g. /api/session,/api/admin/**)',
  ],
  [
    'PROTECTED_PATHS',
    { PROTECTED_PATHS: '/api/my session' },
    '"/api/my session" is not a list of route patterns; expected a comma list of paths starting with /, which may use * and ** (e.g. /api/session,/api/admin/**)',
  ],
  [
    'CACHE_URL',
    { CACHE_URL: 'http://cache:6379' },
    '"http://cache:6379" is not a redis URL; expected a redis:// or rediss:// URL (e.g. redis://localhost:6379); unset uses an in-memory cache',
  ],
  [
    'CACHE_URL',
    { CACHE_URL: 'memcached://user:pw@cache' },
    '"memcached://***@cache" is not a redis URL; expected a redis:// or rediss:// URL (e.g. redis://localhost:6379); unset uses an in-memory cache',
  ],
  [
    'CACHE_URL',
    { CACHE_URL: 'redis://:p%40ss/word@local host:1' },
    '"redis://***@local host:1" is not a redis URL; expected a redis:// or rediss:// URL (e.g. redis://localhost:6379); unset uses an in-memory cache',
  ],
  [
    'CACHE_URL',
    { CACHE_URL: 'redis://user:p@ss@lo calhost:6379' },
    '"redis://***@lo calhost:6379" is not a redis URL; expected a redis:// or rediss:// URL (e.g. redis://localhost:6379); unset uses an in-memory cache',
  ],
  ['CACHE_MAX_ENTRIES', { CACHE_MAX_ENTRIES: '0' }, '"0" is not an entry count; expected an integer above 0'],
  ['CACHE_MAX_ENTRIES', { CACHE_MAX_ENTRIES: 'lots' }, '"lots" is not an entry count; expected an integer above 0'],
  ['CACHE_MAX_BYTES', { CACHE_MAX_BYTES: 'big' }, `"big" is not a size; expected ${SIZE}`],
];

describe('loadConfig errors', () => {
  test.each(CASES)('%s: %j', (variable, env, message) => {
    expect(problemsOf(env)).toEqual([{ variable, message }]);
  });

  test('every variable has at least one error case', () => {
    expect([...new Set(CASES.map(([variable]) => variable))].sort()).toEqual([...VARIABLE_NAMES].sort());
  });

  test('a missing default ROUTES_DIR says it is the default', () => {
    expect(problemsOf({}, bare)).toEqual([
      {
        variable: 'ROUTES_DIR',
        message: `"routes" (the default) does not exist (resolved to ${join(bare, 'routes')}); expected a folder of route files, absolute or relative to the working directory`,
      },
    ]);
  });

  test('secrets are never echoed', () => {
    const secret = 'do-not-print-me';
    let message = '';
    try {
      loadConfig({ NODE_ENV: 'production', AUTH_SECRET: secret, CACHE_URL: `http://:${secret}@cache` }, { cwd, envFile: false });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('AUTH_SECRET: (hidden, 15 characters)');
    expect(message).toContain('CACHE_URL: "http://***@cache"');
    expect(message).not.toContain(secret);
  });

  test('one error lists every bad variable, in variable order, under one header', () => {
    let error: unknown;
    try {
      loadConfig({ CACHE_MAX_BYTES: 'big', PORT: 'abc', NODE_ENV: 'production', PRELOAD_ROUTES: 'maybe' }, { cwd, envFile: false });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { message, problems, stack, name } = error as ConfigError;
    expect(name).toBe('ConfigError');
    expect(problems.map((problem) => problem.variable)).toEqual(['PORT', 'PRELOAD_ROUTES', 'AUTH_SECRET', 'CACHE_MAX_BYTES']);
    expect(message).toBe(
      [
        '[nextpress] Invalid environment (4 problems):',
        '  PORT: "abc" is not a port; expected an integer 0-65535',
        '  PRELOAD_ROUTES: "maybe" is not a boolean; expected true | false | 1 | 0 | yes | no',
        `  AUTH_SECRET: is required when NODE_ENV=production; ${SECRET_FIX}`,
        `  CACHE_MAX_BYTES: "big" is not a size; expected ${SIZE}`,
      ].join('\n'),
    );
    expect(stack).toBe(`ConfigError: ${message}`);
    expect(stack).not.toMatch(/\n\s+at /);
  });

  test('a single problem says "1 problem"', () => {
    expect(() => loadConfig({ PORT: 'x' }, { cwd, envFile: false })).toThrow(/^\[nextpress\] Invalid environment \(1 problem\):\n {2}PORT: /);
  });
});

describe('exitOnConfigError', () => {
  test('prints the message alone to stderr and exits 1', () => {
    let written = '';
    const stderr = new Writable({
      write(chunk, _encoding, done) {
        written += String(chunk);
        done();
      },
    });
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => {
      throw new Error('exit called');
    }) as () => never);
    try {
      const error = new ConfigError([{ variable: 'PORT', message: '"abc" is not a port; expected an integer 0-65535' }]);
      expect(() => exitOnConfigError(error, stderr)).toThrow('exit called');
      expect(exit).toHaveBeenCalledWith(1);
      expect(written).toBe('[nextpress] Invalid environment (1 problem):\n  PORT: "abc" is not a port; expected an integer 0-65535\n');
    } finally {
      exit.mockRestore();
    }
  });

  test('rethrows anything that is not a ConfigError', () => {
    const bug = new TypeError('bug');
    expect(() => exitOnConfigError(bug)).toThrow(bug);
  });
});
