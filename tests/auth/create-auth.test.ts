/**
 * Setting auth up: the start-up errors (naming the setting and the fix), the warnings about
 * doubtful set-ups, and auth() where it cannot answer.
 */
import { describe, expect, test } from '@jest/globals';
import request from 'supertest';
import { createApp, isNextpressError } from 'nextpress';
import { auth } from '../../server/auth/auth';
import { recordingLogger } from '../helpers/serve';
import { DEMO_ROUTES, FIXTURE_ROUTES, OTHER_SECRET, SECRET } from './helpers';

// No secret or users file from the environment (jest gives each test file its own process.env).
for (const name of ['AUTH_SECRET', 'NEXTAUTH_SECRET', 'AUTH_USERS_FILE']) delete process.env[name];

function build(auth: Parameters<typeof createApp>[0]['auth'], routesDir = FIXTURE_ROUTES) {
  const log = recordingLogger();
  let error: unknown;
  try {
    createApp({ routesDir, logger: log.logger, auth });
  } catch (caught) {
    error = caught;
  }
  return { error, warnings: log.lines.filter((line) => line.level === 'warn').map((line) => line.msg) };
}

const NO_SECRET =
  'AUTH_SECRET is not set: auth needs a secret to encrypt session cookies. Set AUTH_SECRET to a random string (e.g. from `openssl rand -base64 32`), or pass auth.secret to createApp.';

describe('start-up errors', () => {
  test.each(['authjs', 'next-auth'] as const)('%s without any secret → AUTH_SECRET_MISSING', (provider) => {
    const { error } = build({ provider });
    expect(isNextpressError(error) && [error.code, error.message]).toEqual(['AUTH_SECRET_MISSING', NO_SECRET]);
  });

  test('next-auth takes the secret its route files read: NEXTAUTH_SECRET, else AUTH_SECRET', () => {
    process.env.NEXTAUTH_SECRET = SECRET;
    try {
      expect(build({ provider: 'next-auth' }).error).toBeUndefined();
    } finally {
      delete process.env.NEXTAUTH_SECRET;
    }
  });

  test('authjs reads AUTH_SECRET when auth.secret is not given', () => {
    process.env.AUTH_SECRET = SECRET;
    try {
      expect(build({ provider: 'authjs' }).error).toBeUndefined();
    } finally {
      delete process.env.AUTH_SECRET;
    }
  });

  test.each(['/', 'api/auth', '/api/*', '/api/:x', '/api/(auth)', '/api//auth', '/api/auth?x', '/api/../auth'])(
    'base path %j → BAD_AUTH_BASE_PATH',
    (basePath) => {
      const { error } = build({ provider: 'authjs', secret: SECRET, basePath });
      expect(isNextpressError(error) && [error.code, error.message]).toEqual([
        'BAD_AUTH_BASE_PATH',
        `The auth base path '${basePath}' (AUTH_BASE_PATH / auth.basePath) is not usable: expected a path below / of letters, digits and - . _ ~, without . or .. segments (e.g. /api/auth).`,
      ]);
    },
  );

  test.each(['/api/auth/', '/auth', '/v1.0/sign-in_~x'])('base path %j is fine', (basePath) => {
    expect(build({ provider: 'authjs', secret: SECRET, basePath }).error).toBeUndefined();
  });

  test('a bad users file fails the start (authjs), naming the file', () => {
    const { error } = build({ provider: 'authjs', secret: SECRET, usersFile: `${FIXTURE_ROUTES}/api/_lib/hits.ts` });
    expect(isNextpressError(error) && error.code).toBe('BAD_USERS_FILE');
    expect((error as Error).message).toMatch(/^The users file '.*hits\.ts' \(AUTH_USERS_FILE\) is not JSON/);
  });
});

describe('start-up warnings', () => {
  test('a protected pattern that matches no route file', () => {
    const { warnings } = build({ provider: 'authjs', secret: SECRET, protectedPaths: ['/api/session', '/api/users/42', '/api/admin/**'] });
    expect(warnings.filter((message) => message.startsWith('PROTECTED_PATHS'))).toEqual([
      "PROTECTED_PATHS entry '/api/users/42' matches no route file, so it protects nothing. Patterns name routes as their folders do (e.g. /api/users/[id], /api/admin/**); see docs/auth.md.",
    ]);
  });

  test('a pattern covering the sign-in routes: they stay public, and the warning says so', async () => {
    const log = recordingLogger();
    process.env.AUTH_SECRET = SECRET;
    try {
      const app = createApp({ routesDir: FIXTURE_ROUTES, logger: log.logger, auth: { provider: 'next-auth', protectedPaths: ['/**'] } });
      expect(log.lines.map((line) => line.msg)).toContain(
        "PROTECTED_PATHS entry '/**' covers 'api/auth/[...nextauth]/route.ts', under the auth base path /api/auth: sign-in routes are never guarded, so it stays public.",
      );
      expect((await request(app).get('/api/public')).status).toBe(401);
      const providers = await request(app).get('/api/auth/providers');
      expect([providers.status, providers.body]).toEqual([200, {}]);
    } finally {
      delete process.env.AUTH_SECRET;
    }
  });

  test('next-auth with protected paths but no route file under the base path', () => {
    const { warnings } = build({ provider: 'next-auth', secret: SECRET, basePath: '/auth', protectedPaths: ['/api/session'] });
    expect(warnings).toContain(
      'No route file under the auth base path /auth, so nobody can sign in (AUTH_PROVIDER=next-auth). Add a next-auth route file there (e.g. routes/auth/[...nextauth]/route.ts, see docs/auth.md) or set AUTH_PROVIDER=authjs.',
    );
  });

  test('next-auth with a secret the route files will not use', () => {
    process.env.AUTH_SECRET = OTHER_SECRET;
    try {
      const { warnings } = build({ provider: 'next-auth', secret: SECRET });
      expect(warnings).toEqual([
        'auth.secret is not the secret next-auth route files read (NEXTAUTH_SECRET, else AUTH_SECRET, from the environment), so the guard will not recognise their sessions. Set AUTH_SECRET to the same value, or pass your authOptions as auth.nextAuthOptions.',
      ]);
    } finally {
      delete process.env.AUTH_SECRET;
    }
  });

  test('a clean set-up warns about nothing', () => {
    expect(build({ provider: 'authjs', secret: SECRET, protectedPaths: ['/api/session'] }, DEMO_ROUTES).warnings).toEqual([
      "'api/auth/[...nextauth]/route.ts' is under the auth base path /api/auth, which Auth.js answers (AUTH_PROVIDER=authjs): the file never runs. Set AUTH_PROVIDER=next-auth to serve it, or move it.",
    ]);
    process.env.AUTH_SECRET = SECRET;
    try {
      expect(build({ provider: 'next-auth', protectedPaths: ['/api/session', '/api/admin/**'] }).warnings).toEqual([]);
    } finally {
      delete process.env.AUTH_SECRET;
    }
  });
});

describe('another base path (authjs)', () => {
  test('Auth.js answers at /auth only (the route file under /api/auth runs again), and the guard points at /auth/signin', async () => {
    const app = createApp({
      routesDir: FIXTURE_ROUTES,
      logger: recordingLogger().logger,
      auth: { provider: 'authjs', secret: SECRET, basePath: '/auth', protectedPaths: ['/api/session'] },
    });
    const csrf = await request(app).get('/auth/csrf');
    expect([csrf.status, Object.keys(csrf.body)]).toEqual([200, ['csrfToken']]);
    expect(csrf.headers['set-cookie']?.[0]).toMatch(/^authjs\.csrf-token=/);
    const routeFile = await request(app).get('/api/auth/csrf');
    expect([routeFile.status, routeFile.headers['set-cookie']?.[0]]).toEqual([200, expect.stringMatching(/^next-auth\.csrf-token=/)]);
    const guarded = await request(app).get('/api/session');
    expect([guarded.status, guarded.headers['www-authenticate']]).toEqual([401, 'Cookie realm="nextpress", form-action="/auth/signin"']);
  });
});

describe('auth() where it cannot answer', () => {
  test('outside a request → Next’s own message for request-time APIs', () => {
    expect(() => auth()).toThrow('`auth` was called outside a request scope. Read more: https://nextjs.org/docs/messages/next-dynamic-api-wrong-context');
  });

  test('in an app without auth → 500, and the log names the route file and the fix', async () => {
    const log = recordingLogger();
    const app = createApp({ routesDir: FIXTURE_ROUTES, logger: log.logger });
    const response = await request(app).get('/api/me');
    expect([response.status, response.text]).toEqual([500, '']);
    const error = log.lines.find((line) => line.level === 'error');
    expect(error?.msg).toBe("Error in route handler 'api/me/route.ts'");
    expect((error?.obj.err as Error).message).toBe(
      "auth() was called in 'api/me/route.ts', but this app has no auth set up. Pass `auth` to createApp (npm start always sets it up); see docs/auth.md.",
    );
  });
});
