import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config';
import { prepareAuthEnv } from '../../server/auth/prepare-auth-env';
import { recordingLogger } from '../helpers/serve';

const cwd = mkdtempSync(path.join(tmpdir(), 'nextpress-auth-env-'));
mkdirSync(path.join(cwd, 'routes'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

function prepare(env: NodeJS.ProcessEnv) {
  const config = loadConfig(env, { cwd, envFile: false });
  const log = recordingLogger();
  const settings = prepareAuthEnv(config, env, log.logger);
  return { settings, env, warnings: log.lines.filter((line) => line.level === 'warn') };
}

describe('prepareAuthEnv', () => {
  test('development without AUTH_SECRET: a random secret for this process, written to AUTH_SECRET, one loud warning', () => {
    const env: NodeJS.ProcessEnv = { NODE_ENV: 'development' };
    const first = prepare(env);
    expect(first.settings.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(env.AUTH_SECRET).toBe(first.settings.secret);
    expect(first.warnings).toEqual([
      {
        level: 'warn',
        obj: { variable: 'AUTH_SECRET' },
        msg: 'AUTH_SECRET is not set: using a random secret for this process only (NODE_ENV=development). Everyone is signed out when the server restarts. Set AUTH_SECRET in .env (e.g. from `openssl rand -base64 32`); production refuses to start without it.',
      },
    ]);
    // Again (the cluster primary, then each worker's startServer): the same secret, no second warning.
    const again = prepare(env);
    expect([again.settings.secret, again.warnings]).toEqual([first.settings.secret, []]);
  });

  test('each process draws its own development secret', () => {
    expect(prepare({ NODE_ENV: 'test' }).settings.secret).not.toBe(prepare({ NODE_ENV: 'test' }).settings.secret);
  });

  test('AUTH_SECRET set: used as it is, nothing written, no warning', () => {
    const { settings, env, warnings } = prepare({ NODE_ENV: 'production', AUTH_SECRET: 'a-test-secret-that-is-32-chars-!', AUTH_URL: 'https://app.example' });
    expect([settings.secret, warnings]).toEqual(['a-test-secret-that-is-32-chars-!', []]);
    expect(Object.keys(env).sort()).toEqual(['AUTH_SECRET', 'AUTH_URL', 'NEXTAUTH_URL', 'NODE_ENV']);
  });

  test.each([
    [
      'next-auth, AUTH_URL → NEXTAUTH_URL with the base path',
      { AUTH_URL: 'https://app.example' },
      { NEXTAUTH_URL: 'https://app.example/api/auth', AUTH_TRUST_HOST: undefined },
    ],
    [
      'next-auth, AUTH_URL and AUTH_BASE_PATH',
      { AUTH_URL: 'https://app.example/', AUTH_BASE_PATH: '/auth' },
      { NEXTAUTH_URL: 'https://app.example/auth', AUTH_TRUST_HOST: undefined },
    ],
    ['next-auth, no URL → AUTH_TRUST_HOST (X-Forwarded-* are made trustworthy)', {}, { NEXTAUTH_URL: undefined, AUTH_TRUST_HOST: 'true' }],
    ['next-auth, AUTH_TRUST_HOST already set → kept', { AUTH_TRUST_HOST: '0' }, { NEXTAUTH_URL: undefined, AUTH_TRUST_HOST: '0' }],
    [
      'next-auth, NEXTAUTH_URL already set → nothing changes',
      { NEXTAUTH_URL: 'https://own.example/api/auth', AUTH_URL: 'https://app.example' },
      { NEXTAUTH_URL: 'https://own.example/api/auth', AUTH_TRUST_HOST: undefined },
    ],
    ['authjs → next-auth’s variables untouched', { AUTH_PROVIDER: 'authjs' }, { NEXTAUTH_URL: undefined, AUTH_TRUST_HOST: undefined }],
  ])('%s', (_name, vars, expected) => {
    const { env } = prepare({ NODE_ENV: 'development', AUTH_SECRET: 'x', ...vars });
    expect({ NEXTAUTH_URL: env.NEXTAUTH_URL, AUTH_TRUST_HOST: env.AUTH_TRUST_HOST }).toEqual(expected);
  });

  test('the settings are config.auth with the secret filled in', () => {
    const { settings } = prepare({
      NODE_ENV: 'development',
      AUTH_SECRET: 'x',
      AUTH_PROVIDER: 'authjs',
      PROTECTED_PATHS: '/api/a,/api/b/**',
      AUTH_BASE_PATH: '/auth',
    });
    expect(settings).toEqual({
      secret: 'x',
      url: undefined,
      basePath: '/auth',
      provider: 'authjs',
      github: undefined,
      google: undefined,
      usersFile: undefined,
      protectedPaths: ['/api/a', '/api/b/**'],
    });
  });
});
