/**
 * Secure cookies exactly when the request is HTTPS: over TLS, or through a proxy Express trusts
 * (TRUST_PROXY) that says X-Forwarded-Proto: https. A client that is not a trusted proxy cannot
 * switch them on or off, nor choose the host next-auth redirects to.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from 'nextpress';
import { recordingLogger } from '../helpers/serve';
import { FIXTURE_ROUTES, PASSWORD, SECRET, USERS_FILE, cookieHeader, setCookieLine, signIn, type System } from './helpers';

// next-auth without NEXTAUTH_URL, as `npm start` runs it: AUTH_TRUST_HOST, with X-Forwarded-* made trustworthy.
// Route files read these when they run; a test's process.env reaches them (jest gives each test file its own).
Object.assign(process.env, { AUTH_SECRET: SECRET, AUTH_USERS_FILE: USERS_FILE, AUTH_TRUST_HOST: 'true' });
for (const name of ['NEXTAUTH_URL', 'NEXTAUTH_SECRET', 'AUTH_URL']) delete process.env[name];

const HTTPS = { 'x-forwarded-proto': 'https' };

function appFor(system: System, trustProxy: boolean): Express {
  return createApp({
    routesDir: FIXTURE_ROUTES,
    logger: recordingLogger().logger,
    trustProxy,
    auth: { provider: system, secret: SECRET, usersFile: USERS_FILE, protectedPaths: ['/api/session'] },
  });
}

describe.each<[System, string]>([
  ['authjs', 'authjs'],
  ['next-auth', 'next-auth'],
])('%s', (system, prefix) => {
  test(`behind a trusted proxy saying https: __Host-/__Secure- cookies with Secure, and the session works only over https`, async () => {
    const app = appFor(system, true);
    const csrf = await request(app).get('/api/auth/csrf').set(HTTPS);
    const setCookie = csrf.headers['set-cookie'] as unknown as string[];
    expect(setCookieLine(setCookie, `__Host-${prefix}.csrf-token`)).toMatch(
      new RegExp(`^__Host-${prefix}\\.csrf-token=[0-9a-f]{64}%7C[0-9a-f]{64}; Path=/; HttpOnly; Secure; SameSite=Lax$`),
    );
    expect(setCookieLine(setCookie, `__Secure-${prefix}.callback-url`)).toMatch(
      new RegExp(`^__Secure-${prefix}\\.callback-url=https%3A%2F%2F127\\.0\\.0\\.1%3A\\d+; Path=/; HttpOnly; Secure; SameSite=Lax$`),
    );

    const signedIn = await signIn(app, { username: 'demo', password: PASSWORD, headers: HTTPS });
    expect(signedIn.status).toBe(302);
    expect(signedIn.location).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(setCookieLine(signedIn.setCookie, `__Secure-${prefix}.session-token`)).toMatch(
      new RegExp(`^__Secure-${prefix}\\.session-token=eyJ[^;]+; Path=/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$`),
    );

    const cookie = cookieHeader(signedIn.jar);
    expect((await request(app).get('/api/session').set(HTTPS).set('cookie', cookie)).status).toBe(200);
    // The same cookie on a plain-http request is not this request's session cookie.
    expect((await request(app).get('/api/session').set('cookie', cookie)).status).toBe(401);
  });

  test('X-Forwarded-Proto: https from a client that is not a trusted proxy: plain cookies, no Secure', async () => {
    const app = appFor(system, false);
    const csrf = await request(app).get('/api/auth/csrf').set(HTTPS).set('x-forwarded-host', 'evil.example');
    const setCookie = csrf.headers['set-cookie'] as unknown as string[];
    expect(setCookieLine(setCookie, `${prefix}.csrf-token`)).toMatch(new RegExp(`^${prefix}\\.csrf-token=[^;]+; Path=/; HttpOnly; SameSite=Lax$`));
    expect(setCookieLine(setCookie, `${prefix}.callback-url`)).toMatch(
      new RegExp(`^${prefix}\\.callback-url=http%3A%2F%2F127\\.0\\.0\\.1%3A\\d+; Path=/; HttpOnly; SameSite=Lax$`),
    );
    expect(setCookie.some((line) => /Secure/.test(line))).toBe(false);

    const signedIn = await signIn(app, { username: 'demo', password: PASSWORD, headers: { ...HTTPS, 'x-forwarded-host': 'evil.example' } });
    expect(signedIn.status).toBe(302);
    expect(signedIn.location).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(setCookieLine(signedIn.setCookie, `${prefix}.session-token`)).toMatch(/; HttpOnly; SameSite=Lax$/);
  });
});

describe('a spelling of the sign-in path the route tree decodes (/api/%61uth/csrf) cannot skip the X-Forwarded-* rewrite', () => {
  const spoofed = { ...HTTPS, 'x-forwarded-host': 'evil.example' };

  test('next-auth: the same plain cookies and own-origin callback URL as /api/auth/csrf', async () => {
    const app = appFor('next-auth', false);
    for (const target of ['/api/%61uth/csrf', '/%61pi/auth/csrf']) {
      const csrf = await request(app).get(target).set(spoofed);
      expect([target, csrf.status]).toEqual([target, 200]);
      const setCookie = csrf.headers['set-cookie'] as unknown as string[];
      expect(setCookieLine(setCookie, 'next-auth.csrf-token')).toMatch(/^next-auth\.csrf-token=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
      expect(setCookieLine(setCookie, 'next-auth.callback-url')).toMatch(
        /^next-auth\.callback-url=http%3A%2F%2F127\.0\.0\.1%3A\d+; Path=\/; HttpOnly; SameSite=Lax$/,
      );
      expect(setCookie.some((line) => /Secure|evil/.test(line))).toBe(false);
    }
  });

  test('authjs: the next-auth route file Auth.js hides is not reached through it: 404', async () => {
    const app = appFor('authjs', false);
    for (const target of ['/api/%61uth/csrf', '/api/%61uth/signin']) {
      const response = await request(app).get(target).set(spoofed);
      expect([target, response.status, response.text, response.headers['set-cookie']]).toEqual([target, 404, '{"error":"Not Found"}', undefined]);
    }
    // Auth.js itself still answers its own path.
    expect((await request(app).get('/api/auth/csrf')).status).toBe(200);
  });
});

describe('directly over TLS', () => {
  let dir: string;
  let tls: { key: Buffer; cert: Buffer } | undefined;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'nextpress-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
          '-keyout',
          path.join(dir, 'key.pem'),
          '-out',
          path.join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      tls = { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) };
    } catch {
      tls = undefined; // no openssl: the test below says so
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each<[System, string]>([
    ['authjs', 'authjs'],
    ['next-auth', 'next-auth'],
  ])('%s over https://: Secure, prefixed cookies with no proxy involved', async (system, prefix) => {
    if (tls === undefined) throw new Error('this test needs the openssl command to make a throwaway certificate');
    const server = https.createServer(tls, appFor(system, false));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await new Promise<{ status: number; setCookie: string[] }>((resolve, reject) => {
        https
          .get({ host: '127.0.0.1', port, path: '/api/auth/csrf', rejectUnauthorized: false }, (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie'] ?? [] }));
          })
          .on('error', reject);
      });
      expect(response.status).toBe(200);
      expect(setCookieLine(response.setCookie, `__Host-${prefix}.csrf-token`)).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
      expect(setCookieLine(response.setCookie, `__Secure-${prefix}.callback-url`)).toMatch(
        new RegExp(`=https%3A%2F%2F127\\.0\\.0\\.1%3A${port}; Path=/; HttpOnly; Secure; SameSite=Lax$`),
      );
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });
});
