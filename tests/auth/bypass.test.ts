/**
 * The guard against every spelling of a protected URL, for both auth systems. Protected:
 * `/api/session` and `/api/admin/**`. Each variant is sent as an exact request target over a real
 * socket, and the fixture handlers log every run, so "the handler never ran" is checked, not assumed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, jest, test } from '@jest/globals';
import request from 'supertest';
import { createApp } from 'nextpress';
import { signSession } from 'nextpress/testing';
import { recordingLogger, serve, type Served } from '../helpers/serve';
import { FIXTURE_ROUTES, OTHER_SECRET, SECRET, SESSION_COOKIE, USERS_FILE, fixtureHits, raw, type System } from './helpers';

// Route files read these when they run; a test's process.env reaches them (jest gives each test file its own).
Object.assign(process.env, { AUTH_SECRET: SECRET, AUTH_USERS_FILE: USERS_FILE, AUTH_TRUST_HOST: '1' });
for (const name of ['NEXTAUTH_SECRET', 'NEXTAUTH_URL', 'AUTH_URL']) delete process.env[name];

const PROTECTED = ['/api/session', '/api/admin/**'];
/** The users file's demo user, as its sign-in would put it in the session. */
const DEMO = { id: 'demo', name: 'Demo User', email: 'demo@example.test' };
const UNAUTHORIZED = '{"error":"Unauthorized"}';
const NOT_FOUND = '{"error":"Not Found"}';

function appFor(system: System) {
  const log = recordingLogger();
  const app = createApp({
    routesDir: FIXTURE_ROUTES,
    logger: log.logger,
    auth: { provider: system, secret: SECRET, usersFile: USERS_FILE, protectedPaths: PROTECTED },
  });
  return { app, log };
}

/** [name, method, target, expected status, extra headers]; 401s answer the guard's JSON, 404s the engine's. */
type Variant = [string, string, string, 401 | 404 | 400, Record<string, string>?];

const VARIANTS: Variant[] = [
  ['the plain path', 'GET', '/api/session', 401],
  ['HEAD', 'HEAD', '/api/session', 401],
  ['OPTIONS (not the automatic 204)', 'OPTIONS', '/api/session', 401],
  ['POST (not the automatic 405)', 'POST', '/api/session', 401],
  ['POST + X-HTTP-Method-Override: GET', 'POST', '/api/session', 401, { 'x-http-method-override': 'GET' }],
  ['GET + X-Method-Override / X-HTTP-Method: HEAD', 'GET', '/api/session', 401, { 'x-method-override': 'HEAD', 'x-http-method': 'HEAD' }],
  ['a query string', 'GET', '/api/session?admin=1', 401],
  ['a trailing slash (judged before the 308)', 'GET', '/api/session/', 401],
  ['a leading double slash', 'GET', '//api/session', 401],
  ['a doubled inner slash', 'GET', '/api//session', 401],
  ['percent-encoded letters', 'GET', '/api/%73ession', 401],
  ['percent-encoded first segment', 'GET', '/%61pi/session', 401],
  ['a backslash for a slash (judged as the /api/session Next redirects it to)', 'GET', '/api\\session', 401],
  ['a leading backslash', 'GET', '/\\api/session', 401],
  [
    'spoofed X-Forwarded-* (proxies not trusted)',
    'GET',
    '/api/session',
    401,
    { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'admin.internal', 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1' },
  ],
  ['X-Original-URL / X-Rewrite-URL pointing elsewhere', 'GET', '/api/session', 401, { 'x-original-url': '/api/public', 'x-rewrite-url': '/api/public' }],
  ['admin base (** matches zero segments)', 'GET', '/api/admin', 401],
  ['admin dynamic route', 'GET', '/api/admin/users/42', 401],
  ['admin dynamic route, encoded param', 'GET', '/api/admin/users/%34%32', 401],
  ['admin catch-all', 'GET', '/api/admin/anything/deeper/still', 401],
  ['admin catch-all with a dot-dot segment', 'GET', '/api/admin/x/../../session', 401],
  ['upper case', 'GET', '/API/SESSION', 404],
  ['mixed case', 'GET', '/api/Session', 404],
  ['a dot segment', 'GET', '/api/./session', 404],
  ['a dot-dot segment', 'GET', '/api/public/../session', 404],
  ['an encoded dot segment', 'GET', '/api/%2e/session', 404],
  ['an encoded slash', 'GET', '/api%2Fsession', 404],
  ['an encoded trailing slash', 'GET', '/api/session%2F', 404],
  ['a NUL byte', 'GET', '/api/session%00', 404],
  ['a path parameter', 'GET', '/api/session;jsessionid=1', 404],
  ['absolute-form request target (served as its path)', 'GET', 'http://127.0.0.1/api/session', 401],
  ['a fragment (dropped, as in Next)', 'GET', '/api/session#x', 401],
  ['malformed percent-encoding under a protected route', 'GET', '/api/admin/users/%ZZ', 400],
];

describe.each<System>(['next-auth', 'authjs'])('%s: request variants without a valid session', (system) => {
  const { app } = appFor(system);
  let served: Served;
  let hits: string[];
  let session: string;
  let otherSystemCookie: { name: string; value: string };
  let otherSecretCookie: string;

  beforeAll(async () => {
    served = await serve(app);
    hits = await fixtureHits();
    session = (await signSession(DEMO, { provider: system, secret: SECRET })).value;
    const other: System = system === 'authjs' ? 'next-auth' : 'authjs';
    otherSystemCookie = await signSession(DEMO, { provider: other, secret: SECRET });
    otherSecretCookie = (await signSession(DEMO, { provider: system, secret: OTHER_SECRET })).value;
  });
  afterAll(() => served.close());
  beforeEach(() => {
    hits.length = 0;
  });

  test('the positive control: a valid session cookie reaches the handler', async () => {
    expect(session).toMatch(/^eyJ/);
    const response = await raw(served.url, 'GET', '/api/session', { cookie: `${SESSION_COOKIE[system]}=${session}` });
    expect([response.status, response.body]).toEqual([200, '{"route":"/api/session"}']);
    expect(hits).toEqual(['GET /api/session']);
  });

  test('with a valid session, a trailing slash gets the dispatcher’s 308 (the guard judged it, then let it through)', async () => {
    const response = await raw(served.url, 'GET', '/api/session/?x=1', { cookie: `${SESSION_COOKIE[system]}=${session}` });
    expect([response.status, response.headers.location]).toEqual([308, '/api/session?x=1']);
    expect(hits).toEqual([]);
  });

  test.each(VARIANTS)('%s: %s %s → %i, the handler never runs', async (_name, method, target, status, headers = {}) => {
    const response = await raw(served.url, method, target, headers);
    expect(response.status).toBe(status);
    if (status === 401) {
      expect(response.body).toBe(method === 'HEAD' ? '' : UNAUTHORIZED);
      expect(response.headers['www-authenticate']).toBe('Cookie realm="nextpress", form-action="/api/auth/signin"');
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers.location).toBeUndefined();
    } else if (status === 404) {
      expect(response.body).toBe(NOT_FOUND);
    } else {
      expect(JSON.parse(response.body)).toEqual({ error: "Malformed percent-encoding in the URL path '/api/admin/users/%ZZ'." });
    }
    expect(hits).toEqual([]);
  });

  const cookieVariants: Array<[string, () => string]> = [
    ['a tampered session cookie (one character changed)', () => `${SESSION_COOKIE[system]}=${flipOneCharacter(session)}`],
    ['a truncated session cookie', () => `${SESSION_COOKIE[system]}=${session.slice(0, -10)}`],
    ['an empty session cookie', () => `${SESSION_COOKIE[system]}=`],
    ['a garbage session cookie', () => `${SESSION_COOKIE[system]}=not-a-token`],
    ['an unsigned JWT (alg none)', () => `${SESSION_COOKIE[system]}=${unsignedJwt()}`],
    ['a session cookie made with another secret', () => `${SESSION_COOKIE[system]}=${otherSecretCookie}`],
    ['the other system’s valid session cookie', () => `${otherSystemCookie.name}=${otherSystemCookie.value}`],
    ['the other system’s token under this system’s cookie name', () => `${SESSION_COOKIE[system]}=${otherSystemCookie.value}`],
    ['the valid token under the __Secure- name on plain http', () => `__Secure-${SESSION_COOKIE[system]}=${session}`],
    ['the valid token under a differently cased name', () => `${SESSION_COOKIE[system].toUpperCase()}=${session}`],
  ];

  test.each(cookieVariants)('%s → 401, the handler never runs', async (_name, cookie) => {
    const response = await raw(served.url, 'GET', '/api/session', { cookie: cookie() });
    expect([response.status, response.body]).toEqual([401, UNAUTHORIZED]);
    expect(hits).toEqual([]);
  });

  test('the valid token as a Bearer header (not a cookie) → 401', async () => {
    const response = await raw(served.url, 'GET', '/api/admin/users/1', { authorization: `Bearer ${session}` });
    expect([response.status, response.body]).toEqual([401, UNAUTHORIZED]);
    expect(hits).toEqual([]);
  });

  test('an expired session cookie (31 days later) → 401, the handler never runs', async () => {
    // Only Date moves: sockets and timers keep working.
    jest.useFakeTimers({
      now: Date.now() + 31 * 24 * 3600 * 1000,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    try {
      const response = await raw(served.url, 'GET', '/api/session', { cookie: `${SESSION_COOKIE[system]}=${session}` });
      expect([response.status, response.body]).toEqual([401, UNAUTHORIZED]);
    } finally {
      jest.useRealTimers();
    }
    expect(hits).toEqual([]);
  });

  test('X-Original-URL naming a protected path does not protect (or unprotect) anything: the path decides', async () => {
    const response = await raw(served.url, 'GET', '/api/public', { 'x-original-url': '/api/session' });
    expect([response.status, response.body]).toEqual([200, '{"route":"/api/public"}']);
    expect(hits).toEqual(['GET /api/public']);
  });

  test('a public catch-all is not a way in: /api/docs/../session runs the docs handler, never the session one', async () => {
    const response = await raw(served.url, 'GET', '/api/docs/../session');
    expect([response.status, response.body]).toEqual([200, '{"route":"/api/docs/[...slug]"}']);
    expect(hits).toEqual(['GET /api/docs/[...slug]']);
  });

  test('the same variants with supertest’s client-side URL handling agree', async () => {
    for (const target of ['/api/session', '/api/session/', '/api/%73ession']) {
      const response = await request(app).get(target);
      expect([target, response.status]).toEqual([target, 401]);
    }
    expect(hits).toEqual([]);
  });
});

/** Changes one character in the middle of the token's ciphertext (still valid base64url). */
function flipOneCharacter(token: string): string {
  const i = Math.floor(token.length / 2);
  return token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
}

function unsignedJwt(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ name: 'Mallory', email: 'mallory@example.test', sub: 'demo', iat: now, exp: now + 3600 })}.`;
}
