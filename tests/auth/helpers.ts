/**
 * @module Test helpers for auth: sign in over HTTP (CSRF token, then the credentials callback),
 * read Set-Cookie headers, send exact request targets, and read the fixture handlers' hits.
 */
import http from 'node:http';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { loadRouteModule } from '../../server/loading/load-route-module';

export const SECRET = 'test-secret-with-at-least-32-characters!';
export const OTHER_SECRET = 'another-secret-with-at-least-32-characters';
/** The demo users file: `demo` (scrypt) and `ada` (bcrypt), both with the password below. */
export const USERS_FILE = path.join(__dirname, '../../config/users.example.json');
export const PASSWORD = 'nextpress-demo';
export const FIXTURE_ROUTES = path.join(__dirname, '../fixtures/auth-app');
export const DEMO_ROUTES = path.join(__dirname, '../../routes');

export type System = 'next-auth' | 'authjs';
export const SESSION_COOKIE: Record<System, string> = { 'next-auth': 'next-auth.session-token', authjs: 'authjs.session-token' };
export const CSRF_COOKIE: Record<System, string> = { 'next-auth': 'next-auth.csrf-token', authjs: 'authjs.csrf-token' };

/** 'a=1; Path=/; HttpOnly' lines → { a: '1' } (an emptied cookie maps to ''). */
export function cookiesOf(setCookie: string[] | string | undefined): Record<string, string> {
  const lines = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  const jar: Record<string, string> = {};
  for (const line of lines) {
    const pair = line.split(';')[0];
    const eq = pair.indexOf('=');
    jar[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return jar;
}

/** The Set-Cookie line for `name`, or undefined. */
export function setCookieLine(setCookie: string[] | string | undefined, name: string): string | undefined {
  const lines = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  return lines.find((line) => line.startsWith(`${name}=`));
}

export function cookieHeader(jar: Record<string, string>): string {
  return Object.entries(jar)
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
}

export interface SignInResult {
  /** The callback's answer (302 on success and on the libraries' own errors). */
  status: number;
  location: string | undefined;
  setCookie: string[];
  /** Every cookie the client holds afterwards (csrf, callback url, session). */
  jar: Record<string, string>;
  csrfToken: string;
}

/** GET <base>/csrf, then POST <base>/callback/credentials as a form, carrying cookies by hand. */
export async function signIn(
  app: Express,
  { username, password, basePath = '/api/auth', headers = {} }: { username: string; password: string; basePath?: string; headers?: Record<string, string> },
): Promise<SignInResult> {
  const csrf = await request(app).get(`${basePath}/csrf`).set(headers);
  if (csrf.status !== 200) throw new Error(`GET ${basePath}/csrf answered ${csrf.status}: ${csrf.text}`);
  const jar = cookiesOf(csrf.headers['set-cookie']);
  const csrfToken = csrf.body.csrfToken as string;
  const callback = await request(app)
    .post(`${basePath}/callback/credentials`)
    .set(headers)
    .set('cookie', cookieHeader(jar))
    .type('form')
    .send({ csrfToken, username, password });
  const setCookie = (callback.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  return { status: callback.status, location: callback.headers.location, setCookie, jar: { ...jar, ...cookiesOf(setCookie) }, csrfToken };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request with the request target sent exactly as given (no URL normalisation by a client). */
export function raw(url: string, method: string, target: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path: target, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The fixture handlers' run log (tests/fixtures/auth-app/api/_lib/hits.ts), the instance the routes use. */
export async function fixtureHits(): Promise<string[]> {
  const file = path.join(FIXTURE_ROUTES, 'api/_lib/hits.ts');
  return (await loadRouteModule(file, 'api/_lib/hits.ts')).hits as string[];
}
