/**
 * Auth.js (@auth/express) mounted by nextpress at /api/auth, over the demo route files: sign-in
 * over HTTP with the CSRF token and the credentials callback, the session cookie, auth() behind
 * the guard, sign-out, providers from settings, and Auth.js's own answers to a wrong password, a
 * missing CSRF token and malformed bodies.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import { createApp } from 'nextpress';
import http from 'node:http';
import { recordingLogger, serve } from '../helpers/serve';
import { DEMO_ROUTES, OTHER_SECRET, PASSWORD, SECRET, USERS_FILE, cookieHeader, cookiesOf, setCookieLine, signIn } from './helpers';

// The demo route files read next-auth's settings from the environment; Auth.js here reads none.
// Route files read these when they run; a test's process.env reaches them (jest gives each test file its own).
Object.assign(process.env, { AUTH_SECRET: SECRET, AUTH_USERS_FILE: USERS_FILE, AUTH_TRUST_HOST: '1' });
for (const name of ['AUTH_URL', 'NEXTAUTH_URL']) delete process.env[name];

const log = recordingLogger();
let app: ReturnType<typeof createApp>;
const ORIGIN = /^http:\/\/127\.0\.0\.1:\d+$/;

beforeAll(() => {
  app = createApp({
    routesDir: DEMO_ROUTES,
    logger: log.logger,
    auth: {
      provider: 'authjs',
      secret: SECRET,
      usersFile: USERS_FILE,
      github: { clientId: 'gh-client-id', clientSecret: 'gh-client-secret' },
      protectedPaths: ['/api/me'],
    },
  });
});

describe('sign-in with username and password', () => {
  test('the demo next-auth route file under /api/auth is reported as hidden by Auth.js', () => {
    expect(log.lines).toContainEqual({
      level: 'warn',
      msg: "'api/auth/[...nextauth]/route.ts' is under the auth base path /api/auth, which Auth.js answers (AUTH_PROVIDER=authjs): the file never runs. Set AUTH_PROVIDER=next-auth to serve it, or move it.",
      obj: { file: 'api/auth/[...nextauth]/route.ts' },
    });
  });

  test('GET /api/auth/csrf → 200 {csrfToken} and Auth.js’s cookies', async () => {
    const response = await request(app).get('/api/auth/csrf');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ csrfToken: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const setCookie = response.headers['set-cookie'] as unknown as string[];
    expect(setCookieLine(setCookie, 'authjs.csrf-token')).toMatch(
      new RegExp(`^authjs\\.csrf-token=${response.body.csrfToken}%7C[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Lax$`),
    );
    expect(setCookieLine(setCookie, 'authjs.callback-url')).toMatch(/^authjs\.callback-url=http%3A%2F%2F127\.0\.0\.1%3A\d+; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  test('GET /api/auth/providers lists GitHub (from settings) and the users-file Credentials provider', async () => {
    const response = await request(app).get('/api/auth/providers');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body)).toEqual(['github', 'credentials']);
    expect(response.body.github).toMatchObject({
      id: 'github',
      name: 'GitHub',
      type: 'oauth',
      signinUrl: expect.stringMatching(/\/api\/auth\/signin\/github$/),
    });
    expect(response.body.credentials).toMatchObject({ id: 'credentials', name: 'Username', type: 'credentials' });
  });

  test.each([
    ['demo', 'scrypt'],
    ['ada', 'bcrypt'],
  ])('%s (%s hash): 302 to the callback URL with an HttpOnly, SameSite=Lax, non-Secure session cookie', async (username) => {
    const result = await signIn(app, { username, password: PASSWORD });
    expect(result.status).toBe(302);
    expect(result.location).toMatch(ORIGIN);
    expect(setCookieLine(result.setCookie, 'authjs.session-token')).toMatch(
      /^authjs\.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIiwia2lkIjoi[^;]+; Path=\/; Expires=[^;]+ GMT; HttpOnly; SameSite=Lax$/,
    );
  });

  test('the session: /api/auth/session, auth() behind the guard; then sign-out ends it', async () => {
    const { jar, csrfToken } = await signIn(app, { username: 'demo', password: PASSWORD });
    const cookie = cookieHeader(jar);
    const user = { name: 'Demo User', email: 'demo@example.test', image: null };

    const session = await request(app).get('/api/auth/session').set('cookie', cookie);
    expect([session.status, session.body]).toEqual([200, { user, expires: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]);

    const me = await request(app).get('/api/me').set('cookie', cookie);
    expect([me.status, me.body]).toEqual([200, { signedIn: true, user, expires: expect.any(String) }]);

    const signOut = await request(app).post('/api/auth/signout').set('cookie', cookie).type('form').send({ csrfToken });
    expect(signOut.status).toBe(302);
    expect(signOut.headers.location).toMatch(ORIGIN);
    const cleared = signOut.headers['set-cookie'] as unknown as string[];
    expect(setCookieLine(cleared, 'authjs.session-token')).toBe('authjs.session-token=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax');

    const after = cookieHeader({ ...jar, ...cookiesOf(cleared) });
    expect((await request(app).get('/api/me').set('cookie', after)).status).toBe(401);
    expect((await request(app).get('/api/auth/session').set('cookie', after)).body).toBeNull();
  });

  test('only one system owns the session: the next-auth article route does not see an Auth.js session', async () => {
    const { jar } = await signIn(app, { username: 'demo', password: PASSWORD });
    const article = await request(app).get('/api/session').set('cookie', cookieHeader(jar));
    expect([article.status, article.text]).toEqual([401, 'Unauthorized access detected']);
  });

  test('without a session the guarded route answers the guard’s 401', async () => {
    const me = await request(app).get('/api/me');
    expect([me.status, me.body, me.headers['www-authenticate']]).toEqual([
      401,
      { error: 'Unauthorized' },
      'Cookie realm="nextpress", form-action="/api/auth/signin"',
    ]);
  });
});

describe('secret rotation: a list of secrets (AUTH_SECRET_1..3 make one), the first encrypting', () => {
  const appWith = (secret: string | string[]) =>
    createApp({
      routesDir: DEMO_ROUTES,
      logger: recordingLogger().logger,
      auth: { provider: 'authjs', secret, usersFile: USERS_FILE, protectedPaths: ['/api/me'] },
    });
  const me = async (target: ReturnType<typeof createApp>, cookie: string) => (await request(target).get('/api/me').set('cookie', cookie)).status;

  test('sessions made before the rotation stay valid; new ones use the new secret only', async () => {
    const before = cookieHeader((await signIn(appWith(SECRET), { username: 'demo', password: PASSWORD })).jar);
    const rotated = appWith([OTHER_SECRET, SECRET]);
    expect(await me(rotated, before)).toBe(200);

    const after = await signIn(rotated, { username: 'demo', password: PASSWORD });
    expect(after.status).toBe(302);
    const fresh = cookieHeader(after.jar);
    expect(await me(rotated, fresh)).toBe(200);
    expect(await me(appWith(OTHER_SECRET), fresh)).toBe(200);
    expect(await me(appWith(SECRET), fresh)).toBe(401);
    // Dropping the old secret ends the sessions it made.
    expect(await me(appWith(OTHER_SECRET), before)).toBe(401);
  });

  test('without auth.secret, the list comes from the environment as Auth.js reads it (AUTH_SECRET_1 encrypts)', async () => {
    const saved = { AUTH_SECRET: process.env.AUTH_SECRET, AUTH_SECRET_1: process.env.AUTH_SECRET_1 };
    Object.assign(process.env, { AUTH_SECRET: SECRET, AUTH_SECRET_1: OTHER_SECRET });
    try {
      const fromEnv = createApp({
        routesDir: DEMO_ROUTES,
        logger: recordingLogger().logger,
        auth: { provider: 'authjs', usersFile: USERS_FILE, protectedPaths: ['/api/me'] },
      });
      const before = cookieHeader((await signIn(appWith(SECRET), { username: 'demo', password: PASSWORD })).jar);
      expect(await me(fromEnv, before)).toBe(200);
      const fresh = cookieHeader((await signIn(fromEnv, { username: 'demo', password: PASSWORD })).jar);
      expect(await me(appWith(OTHER_SECRET), fresh)).toBe(200);
      expect(await me(appWith(SECRET), fresh)).toBe(401);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  test('an empty list, or next-auth given a list, refuses to start and says why', () => {
    expect(() => appWith([])).toThrow('auth.secret is an empty list, or holds an empty secret');
    expect(() =>
      createApp({ routesDir: DEMO_ROUTES, logger: recordingLogger().logger, auth: { provider: 'next-auth', secret: [OTHER_SECRET, SECRET] } }),
    ).toThrow(
      'auth.secret is a list (secret rotation, as with AUTH_SECRET_1..3), which only Auth.js supports: next-auth v4 takes one secret. Pass one secret, or set AUTH_PROVIDER=authjs.',
    );
  });
});

describe('Auth.js’s own answers to bad sign-ins (never a 500)', () => {
  async function csrf() {
    const response = await request(app).get('/api/auth/csrf');
    return { token: response.body.csrfToken as string, cookie: cookieHeader(cookiesOf(response.headers['set-cookie'])) };
  }
  const callback = (cookie: string) => request(app).post('/api/auth/callback/credentials').set('cookie', cookie);

  test.each([
    ['a wrong password', { username: 'demo', password: 'wrong' }],
    ['an unknown user (the same answer)', { username: 'nobody', password: PASSWORD }],
    ['an empty password', { username: 'demo', password: '' }],
    ['an over-long password', { username: 'demo', password: 'x'.repeat(5000) }],
  ])('%s → 302 to /api/auth/signin?error=CredentialsSignin&code=credentials, no session cookie', async (_name, fields) => {
    const { token, cookie } = await csrf();
    const response = await callback(cookie)
      .type('form')
      .send({ csrfToken: token, ...fields });
    expect([response.status, response.headers.location]).toEqual([
      302,
      expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api\/auth\/signin\?error=CredentialsSignin&code=credentials$/),
    ]);
    expect(setCookieLine(response.headers['set-cookie'], 'authjs.session-token')).toBeUndefined();
  });

  test.each([
    ['no csrfToken field', () => ({ username: 'demo', password: PASSWORD })],
    ['a csrfToken that is not the cookie’s', () => ({ csrfToken: '0'.repeat(64), username: 'demo', password: PASSWORD })],
  ])('%s → 302 to /api/auth/signin?error=MissingCSRF, no session cookie', async (_name, fields) => {
    const { cookie } = await csrf();
    const response = await callback(cookie).type('form').send(fields());
    expect([response.status, response.headers.location]).toEqual([
      302,
      expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api\/auth\/signin\?error=MissingCSRF$/),
    ]);
    expect(setCookieLine(response.headers['set-cookie'], 'authjs.session-token')).toBeUndefined();
  });

  test('the right token without its cookie → MissingCSRF', async () => {
    const { token } = await csrf();
    const response = await callback('').type('form').send({ csrfToken: token, username: 'demo', password: PASSWORD });
    expect([response.status, response.headers.location]).toEqual([
      302,
      expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api\/auth\/signin\?error=MissingCSRF$/),
    ]);
  });

  test.each([
    ['a form body that is not a form', 'application/x-www-form-urlencoded', '%%%&&==&csrfToken'],
    ['an empty form body', 'application/x-www-form-urlencoded', ''],
  ])('%s → 302 to /api/auth/signin?error=MissingCSRF', async (_name, type, body) => {
    const { cookie } = await csrf();
    const response = await callback(cookie).set('content-type', type).send(body);
    expect([response.status, response.headers.location]).toEqual([
      302,
      expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api\/auth\/signin\?error=MissingCSRF$/),
    ]);
  });

  test('malformed JSON → 400 from the body parser Auth.js runs, with its message', async () => {
    const { cookie } = await csrf();
    const response = await callback(cookie).set('content-type', 'application/json').send('{"csrfToken":');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: expect.stringMatching(/JSON/) });
  });

  test('malformed percent-encoding under the base path → the engine’s 400, as anywhere else; Auth.js logs no error', async () => {
    const response = await request(app).get('/api/auth/signin/%ZZ');
    expect([response.status, response.body]).toEqual([400, { error: "Malformed percent-encoding in the URL path '/api/auth/signin/%ZZ'." }]);
  });

  test('an action Auth.js does not have → 400 with its own answer', async () => {
    const response = await request(app).get('/api/auth/nope');
    expect([response.status, response.headers['content-type'], response.text]).toEqual([400, 'application/json', '"Bad request."']);
  });

  test('client mistakes are warnings naming Auth.js’s error type, never engine errors', () => {
    expect(log.lines.filter((line) => line.level === 'error')).toEqual([]);
    const types = log.lines.filter((line) => line.level === 'warn' && line.obj.type !== undefined).map((line) => line.obj.type);
    expect(new Set(types)).toEqual(new Set(['CredentialsSignin', 'MissingCSRF', 'UnknownAction']));
  });
});

describe('sign-in bodies are read under BODY_LIMIT (not body-parser’s own 100 KB)', () => {
  const limited = createApp({
    routesDir: DEMO_ROUTES,
    logger: recordingLogger().logger,
    bodyLimit: 64 * 1024,
    auth: { provider: 'authjs', secret: SECRET, usersFile: USERS_FILE },
  });
  const form = (size: number) => `csrfToken=x&username=demo&password=${'x'.repeat(size)}`;

  test.each([
    ['declared', 'The request body (content-length 81955) exceeds the limit of 64 KB (BODY_LIMIT). Send a smaller body or raise BODY_LIMIT.'],
    ['chunked', 'The request body streamed past the limit of 64 KB (BODY_LIMIT). Send a smaller body or raise BODY_LIMIT.'],
  ])('an 80 KB form over a 64 KB limit (%s) → 413 naming BODY_LIMIT', async (framing, message) => {
    const served = await serve(limited);
    try {
      const response = await postForm(served.url, form(80 * 1024), framing === 'chunked');
      expect([response.status, JSON.parse(response.body)]).toEqual([413, { error: message }]);
    } finally {
      await served.close();
    }
  });

  test('a 150 KB form under the default 10 MB limit reaches Auth.js (body-parser’s 100 KB answered 413 before)', async () => {
    const response = await request(app)
      .post('/api/auth/callback/credentials')
      .type('form')
      .send(form(150 * 1024));
    expect([response.status, response.headers.location]).toEqual([302, expect.stringMatching(/\/api\/auth\/signin\?error=MissingCSRF$/)]);
  });
});

/** A form POST over a real socket: with its Content-Length, or chunked in 8 KB writes. */
function postForm(base: string, body: string, chunked: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (!chunked) headers['content-length'] = String(Buffer.byteLength(body));
    const req = http.request(`${base}/api/auth/callback/credentials`, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    for (let i = 0; i < body.length; i += 8192) req.write(body.slice(i, i + 8192));
    req.end();
  });
}
