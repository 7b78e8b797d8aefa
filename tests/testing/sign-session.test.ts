/**
 * signSession / sessionCookie (nextpress/testing): a signed-in session without the sign-in form,
 * accepted by the real server, for both providers (next-auth v4 and Auth.js):
 *   createApp + supertest -> the guard lets the cookie through, auth() and getServerSession see the user
 *   testRoute             -> `session: { user }` for an imported module or a route file's path
 *   no cookie             -> the guard's 401, the handler's own "not signed in"
 *   https                 -> `secure: true` names the __Secure- cookie the server reads behind a trusted proxy
 *   secrets               -> read as the server reads them; another secret is no session; none is an error naming the fix
 * The routes: tests/fixtures/session-app (api/me: auth(); api/session: getServerSession(authOptions)).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import path from 'node:path';
import type { NextAuthOptions } from 'next-auth';
import request from 'supertest';
import { createApp } from 'nextpress';
import { sessionCookie, signSession, testRoute } from 'nextpress/testing';

const ROUTES = path.join(__dirname, '..', 'fixtures', 'session-app', 'app');
const SECRET = 'a-test-secret-with-at-least-32-characters';
const ADA = { id: 'ada', name: 'Ada Lovelace', email: 'ada@example.test', image: 'https://example.test/ada.png' };
const ADA_SESSION_USER = { name: 'Ada Lovelace', email: 'ada@example.test', image: 'https://example.test/ada.png' };
const EXPIRES = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
const UNAUTHORIZED = { error: 'Unauthorized' };
const quiet = { error() {}, warn() {}, info() {}, debug() {} };

const saved = { ...process.env };
beforeAll(() => {
  // As a project's tests run: the secret in the environment, read by the server and by signSession.
  process.env.AUTH_SECRET = SECRET;
  process.env.AUTH_TRUST_HOST = 'true'; // as npm start sets it for next-auth: its URL (and https) from X-Forwarded-*
  delete process.env.NEXTAUTH_SECRET;
  delete process.env.NEXTAUTH_URL;
  delete process.env.AUTH_PROVIDER;
  for (const name of ['AUTH_SECRET_1', 'AUTH_SECRET_2', 'AUTH_SECRET_3', 'AUTH_USERS_FILE']) delete process.env[name];
});
afterAll(() => {
  process.env = saved;
});

describe.each(['next-auth', 'authjs'] as const)('%s', (provider) => {
  const auth = { provider, protectedPaths: ['/api/me'] };
  const app = () => createApp({ routesDir: ROUTES, logger: quiet, auth });

  test('createApp + supertest: the guard lets the session through and auth() sees the user; without it, 401', async () => {
    const cookie = await sessionCookie(ADA, auth);
    expect(cookie).toMatch(new RegExp(`^${provider}\\.session-token=eyJ[\\w-]+\\.\\.[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));
    const signedIn = await request(app()).get('/api/me').set('Cookie', cookie);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual({ signedIn: true, user: ADA_SESSION_USER, expires: EXPIRES });

    const anonymous = await request(app()).get('/api/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual(UNAUTHORIZED);
  });

  test('testRoute with an imported module: session: { user } -> 200 with the user; session: null -> 401', async () => {
    const me = await import('../fixtures/session-app/app/api/me/route');
    const res = await testRoute(me, { url: '/api/me', session: { user: ADA }, app: { auth, logger: quiet } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ signedIn: true, user: ADA_SESSION_USER, expires: EXPIRES });

    const anonymous = await testRoute(me, { url: '/api/me', session: null, app: { auth, logger: quiet } });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual(UNAUTHORIZED);
  });

  test('testRoute without app.auth: the provider and secret npm start would use, so auth() works', async () => {
    process.env.AUTH_PROVIDER = provider;
    try {
      const file = path.join(ROUTES, 'api', 'me', 'route.ts');
      const res = await testRoute(file, { session: { user: { name: 'Bo' } }, app: { logger: quiet } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ signedIn: true, user: { name: 'Bo' }, expires: EXPIRES });
      const anonymous = await testRoute(file, { session: null, app: { logger: quiet } });
      expect(await anonymous.json()).toEqual({ signedIn: false });
    } finally {
      delete process.env.AUTH_PROVIDER;
    }
  });

  test('behind a trusted proxy saying https: secure: true is the __Secure- cookie the server reads; the http one is not', async () => {
    const https = createApp({ routesDir: ROUTES, logger: quiet, trustProxy: true, auth });
    const secure = await signSession(ADA, { ...auth, secure: true });
    expect(secure.name).toBe(`__Secure-${provider}.session-token`);
    const ok = await request(https).get('/api/me').set('X-Forwarded-Proto', 'https').set('Cookie', secure.cookie);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ signedIn: true, user: ADA_SESSION_USER, expires: EXPIRES });

    const plain = await request(https)
      .get('/api/me')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', await sessionCookie(ADA, auth));
    expect(plain.status).toBe(401);
  });

  test('a session signed with another secret is no session (401); a given secret is used for both', async () => {
    const other = await sessionCookie(ADA, { ...auth, secret: 'another-secret-with-at-least-32-characters' });
    const res = await request(app()).get('/api/me').set('Cookie', other);
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);

    const given = { ...auth, secret: 'a-given-secret-with-at-least-32-characters' };
    const both = createApp({ routesDir: ROUTES, logger: quiet, auth: given });
    const signedIn = await request(both)
      .get('/api/me')
      .set('Cookie', await sessionCookie(ADA, given));
    expect(signedIn.status).toBe(200);
  });

  test('no secret anywhere: an error naming what to set', async () => {
    delete process.env.AUTH_SECRET;
    try {
      await expect(signSession(ADA, { provider })).rejects.toThrow(
        `signSession: there is no secret to sign the ${provider} session with (the server reads ${provider === 'authjs' ? 'auth.secret, else AUTH_SECRET_3.._1 and AUTH_SECRET' : 'nextAuthOptions.secret, auth.secret, NEXTAUTH_SECRET, then AUTH_SECRET'}). Set AUTH_SECRET in the test before createApp runs, or pass the same { secret } to signSession and createApp's auth.`,
      );
    } finally {
      process.env.AUTH_SECRET = SECRET;
      process.env.AUTH_TRUST_HOST = 'true'; // as npm start sets it for next-auth: its URL (and https) from X-Forwarded-*
    }
  });
});

describe('next-auth: a handler calling getServerSession(authOptions)', () => {
  test('createApp + supertest: 200 with the session, 401 without', async () => {
    const app = createApp({ routesDir: ROUTES, logger: quiet, auth: { provider: 'next-auth' } });
    const signedIn = await request(app)
      .get('/api/session')
      .set('Cookie', await sessionCookie(ADA));
    expect([signedIn.status, signedIn.text]).toEqual([200, 'Welcome Ada Lovelace']);
    const anonymous = await request(app).get('/api/session');
    expect([anonymous.status, anonymous.text]).toEqual([401, 'Unauthorized access detected']);
  });

  test('testRoute by the route file: 200 with the session, 401 without', async () => {
    const file = path.join(ROUTES, 'api', 'session', 'route.ts');
    const signedIn = await testRoute(file, { session: { user: ADA }, app: { logger: quiet } });
    expect([signedIn.status, await signedIn.text()]).toEqual([200, 'Welcome Ada Lovelace']);
    const anonymous = await testRoute(file, { app: { logger: quiet } });
    expect([anonymous.status, await anonymous.text()]).toEqual([401, 'Unauthorized access detected']);
  });

  test("the app's own authOptions: their cookie name and callbacks (a claim from the user reaches the session)", async () => {
    const nextAuthOptions: NextAuthOptions = {
      providers: [],
      cookies: { sessionToken: { name: 'sid', options: { httpOnly: true, sameSite: 'lax', path: '/' } } },
      callbacks: { session: ({ session, token }) => ({ ...session, user: { ...session.user, role: token.role } }) },
    };
    const auth = { provider: 'next-auth' as const, nextAuthOptions, protectedPaths: ['/api/me'] };
    const signed = await signSession({ ...ADA, role: 'admin' }, auth);
    expect(signed.name).toBe('sid');
    const app = createApp({ routesDir: ROUTES, logger: quiet, auth });
    const me = await request(app).get('/api/me').set('Cookie', signed.cookie);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ signedIn: true, user: { ...ADA_SESSION_USER, role: 'admin' }, expires: EXPIRES });
  });
});

describe('Auth.js: secrets as the server reads them', () => {
  test('AUTH_SECRET_1 rotation: signed with the first of the list, accepted by the server', async () => {
    process.env.AUTH_SECRET_1 = 'a-rotated-secret-with-at-least-32-characters';
    try {
      const auth = { provider: 'authjs' as const, protectedPaths: ['/api/me'] };
      const app = createApp({ routesDir: ROUTES, logger: quiet, auth });
      const cookie = await sessionCookie(ADA, auth);
      expect((await request(app).get('/api/me').set('Cookie', cookie)).status).toBe(200);
      // ...and it is the new secret's cookie: a server with only the old one does not read it.
      const old = createApp({ routesDir: ROUTES, logger: quiet, auth: { ...auth, secret: SECRET } });
      expect((await request(old).get('/api/me').set('Cookie', cookie)).status).toBe(401);
    } finally {
      delete process.env.AUTH_SECRET_1;
    }
  });
});
