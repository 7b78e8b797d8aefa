/**
 * next-auth v4 through the demo route files (routes/), unchanged Next code: sign-in over HTTP with
 * the CSRF token and the credentials callback, the session cookie, the article's
 * getServerSession(authOptions) route, the guard, auth(), sign-out, and the library's own answers
 * to a wrong password, a missing CSRF token and malformed bodies.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import { createApp } from 'nextpress';
import { recordingLogger } from '../helpers/serve';
import { DEMO_ROUTES, PASSWORD, SECRET, USERS_FILE, cookieHeader, cookiesOf, setCookieLine, signIn } from './helpers';

// Route files read these when they run; a test's process.env reaches them (jest gives each test file its own).
Object.assign(process.env, { AUTH_SECRET: SECRET, AUTH_USERS_FILE: USERS_FILE, AUTH_TRUST_HOST: '1' });
for (const name of ['NEXTAUTH_SECRET', 'NEXTAUTH_URL', 'AUTH_URL', 'AUTH_GITHUB_ID', 'AUTH_GOOGLE_ID']) delete process.env[name];

const log = recordingLogger();
let app: ReturnType<typeof createApp>;
const ORIGIN = /^http:\/\/127\.0\.0\.1:\d+$/;

beforeAll(() => {
  app = createApp({ routesDir: DEMO_ROUTES, logger: log.logger, auth: { provider: 'next-auth', protectedPaths: ['/api/me'] } });
});

describe('sign-in with username and password', () => {
  test('GET /api/auth/csrf → 200 {csrfToken}, the double-submit cookie and the callback-url cookie', async () => {
    const response = await request(app).get('/api/auth/csrf');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.body).toEqual({ csrfToken: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const setCookie = response.headers['set-cookie'] as unknown as string[];
    expect(setCookieLine(setCookie, 'next-auth.csrf-token')).toBe(
      `next-auth.csrf-token=${response.body.csrfToken}%7C${cookiesOf(setCookie)['next-auth.csrf-token'].split('%7C')[1]}; Path=/; HttpOnly; SameSite=Lax`,
    );
    expect(setCookieLine(setCookie, 'next-auth.callback-url')).toMatch(
      /^next-auth\.callback-url=http%3A%2F%2F127\.0\.0\.1%3A\d+; Path=\/; HttpOnly; SameSite=Lax$/,
    );
  });

  test('GET /api/auth/providers lists the users-file Credentials provider', async () => {
    const response = await request(app).get('/api/auth/providers');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      credentials: {
        id: 'credentials',
        name: 'Username',
        type: 'credentials',
        signinUrl: expect.stringMatching(/\/api\/auth\/signin\/credentials$/),
        callbackUrl: expect.stringMatching(/\/api\/auth\/callback\/credentials$/),
      },
    });
  });

  test.each([
    ['demo', 'scrypt'],
    ['ada', 'bcrypt'],
  ])('%s (%s hash): 302 to the callback URL with an HttpOnly, SameSite=Lax, non-Secure session cookie', async (username) => {
    const result = await signIn(app, { username, password: PASSWORD });
    expect(result.status).toBe(302);
    expect(result.location).toMatch(ORIGIN);
    expect(setCookieLine(result.setCookie, 'next-auth.session-token')).toMatch(
      /^next-auth\.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0\.\.[^;]+; Path=\/; Expires=[^;]+ GMT; HttpOnly; SameSite=Lax$/,
    );
  });

  test('the session: /api/auth/session, the article route, auth() behind the guard; then sign-out ends it', async () => {
    const { jar, csrfToken } = await signIn(app, { username: 'demo', password: PASSWORD });
    const cookie = cookieHeader(jar);
    const user = { name: 'Demo User', email: 'demo@example.test', image: null };

    const session = await request(app).get('/api/auth/session').set('cookie', cookie);
    expect([session.status, session.body]).toEqual([200, { user, expires: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]);

    const article = await request(app).get('/api/session').set('cookie', cookie);
    expect([article.status, article.text, article.headers['content-type']]).toEqual([200, 'Welcome authenticated user', 'text/plain;charset=UTF-8']);

    const me = await request(app).get('/api/me').set('cookie', cookie);
    expect([me.status, me.body]).toEqual([200, { signedIn: true, user, expires: expect.any(String) }]);

    const signOut = await request(app).post('/api/auth/signout').set('cookie', cookie).type('form').send({ csrfToken });
    expect(signOut.status).toBe(302);
    expect(signOut.headers.location).toMatch(ORIGIN);
    const cleared = signOut.headers['set-cookie'] as unknown as string[];
    expect(setCookieLine(cleared, 'next-auth.session-token')).toBe('next-auth.session-token=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax');

    const after = cookieHeader({ ...jar, ...cookiesOf(cleared) });
    expect((await request(app).get('/api/me').set('cookie', after)).status).toBe(401);
    expect((await request(app).get('/api/session').set('cookie', after)).text).toBe('Unauthorized access detected');
    expect((await request(app).get('/api/auth/session').set('cookie', after)).body).toEqual({});
  });

  test('without a session: the article route answers its own 401, the guarded route the guard’s', async () => {
    const article = await request(app).get('/api/session');
    expect([article.status, article.text]).toEqual([401, 'Unauthorized access detected']);
    const me = await request(app).get('/api/me');
    expect([me.status, me.body, me.headers['www-authenticate']]).toEqual([
      401,
      { error: 'Unauthorized' },
      'Cookie realm="nextpress", form-action="/api/auth/signin"',
    ]);
  });

  test('auth() on an unguarded route answers null without a session (here: the guard is off for /api/me)', async () => {
    const open = createApp({ routesDir: DEMO_ROUTES, logger: recordingLogger().logger, auth: { provider: 'next-auth' } });
    const response = await request(open).get('/api/me');
    expect([response.status, response.body]).toEqual([200, { signedIn: false }]);
  });
});

describe('next-auth’s own answers to bad sign-ins (never a 500)', () => {
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
  ])('%s → 302 to /api/auth/error?error=CredentialsSignin, no session cookie', async (_name, fields) => {
    const { token, cookie } = await csrf();
    const response = await callback(cookie)
      .type('form')
      .send({ csrfToken: token, ...fields });
    expect(response.status).toBe(302);
    expect(response.headers.location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/auth\/error\?error=CredentialsSignin&provider=credentials$/);
    expect(setCookieLine(response.headers['set-cookie'], 'next-auth.session-token')).toBeUndefined();
  });

  test.each([
    ['no csrfToken field', (token: string) => ({ username: 'demo', password: PASSWORD })],
    [
      'a csrfToken that is not the cookie’s',
      (token: string) => ({ csrfToken: token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')), username: 'demo', password: PASSWORD }),
    ],
  ])('%s → 302 to /api/auth/signin?csrf=true, no session cookie', async (_name, fields) => {
    const { token, cookie } = await csrf();
    const response = await callback(cookie).type('form').send(fields(token));
    expect(response.status).toBe(302);
    expect(response.headers.location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/auth\/signin\?csrf=true$/);
    expect(setCookieLine(response.headers['set-cookie'], 'next-auth.session-token')).toBeUndefined();
  });

  test('the right token without its cookie → csrf=true', async () => {
    const { token } = await csrf();
    const response = await callback('').type('form').send({ csrfToken: token, username: 'demo', password: PASSWORD });
    expect([response.status, response.headers.location]).toEqual([302, expect.stringMatching(/\/api\/auth\/signin\?csrf=true$/)]);
  });

  test.each([
    ['a form body that is not a form', 'application/x-www-form-urlencoded', '%%%&&==&csrfToken'],
    ['an empty form body', 'application/x-www-form-urlencoded', ''],
    ['a text body', 'text/plain', 'username=demo&password=nextpress-demo'],
  ])('%s → 302 to /api/auth/signin?csrf=true', async (_name, type, body) => {
    const { cookie } = await csrf();
    const response = await callback(cookie).set('content-type', type).send(body);
    expect([response.status, response.headers.location]).toEqual([302, expect.stringMatching(/\/api\/auth\/signin\?csrf=true$/)]);
  });

  test('malformed JSON → 400 with the parse error (the request body never reaches next-auth)', async () => {
    const { cookie } = await csrf();
    const response = await callback(cookie).set('content-type', 'application/json').send('{"csrfToken":');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: expect.stringMatching(/^Malformed JSON in request body: /) });
  });

  test('an action next-auth does not have → 400 with its own message', async () => {
    const response = await request(app).get('/api/auth/nope');
    expect([response.status, response.text]).toEqual([400, 'Error: This action with HTTP GET is not supported by NextAuth.js']);
  });

  test('nothing above was logged as an engine error', () => {
    expect(log.lines.filter((line) => line.level === 'error')).toEqual([]);
  });
});
