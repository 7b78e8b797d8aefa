/**
 * @module signSession: a signed-in user's session cookie, made as the library makes it at sign-in
 * (its own `encode`, its cookie name, the secret the server reads), so a test of a protected route
 * needs no sign-in form. Pass the same `auth` settings createApp gets (they fit as they are):
 *
 *   signSession({ name: 'Ada', email: 'ada@example.test' })
 *     -> { name: 'next-auth.session-token', value: '<JWE>', cookie: 'next-auth.session-token=<JWE>' }
 *        (provider: AUTH_PROVIDER, else next-auth; secret: NEXTAUTH_SECRET, else AUTH_SECRET)
 *   signSession(user, { provider: 'authjs' })        -> authjs.session-token, @auth/core's encode,
 *                                                       salted with the cookie name (AUTH_SECRET, _1.._3)
 *   signSession(user, { ...auth, secure: true })     -> the __Secure- name the server reads over https
 *   signSession(user, { nextAuthOptions })           -> their secret, cookie name, jwt.encode, maxAge
 *   sessionCookie(user, options)                     -> 'next-auth.session-token=<JWE>' (a Cookie header)
 *
 * The user becomes the JWT both libraries write at sign-in: `{ name, email, picture: image, sub:
 * id }`, plus any other field as a claim of its own (`role: 'admin'` -> token.role, for callbacks).
 */
import path from 'node:path';
import type { ExpressAuthConfig } from '@auth/express';
import { sessionCookieName } from '../auth/session-cookie-name';
import { sessionSecret } from '../auth/session-secret';
import type { AuthSettings } from '../auth/types';
import { NextpressError } from '../errors';

export interface SessionUser {
  /** The token's `sub` (the user's id). */
  id?: string;
  name?: string | null;
  email?: string | null;
  /** The token's `picture` (the session's `user.image`). */
  image?: string | null;
  /** Any other field is a claim of the token, as a `jwt` callback would add it. */
  [claim: string]: unknown;
}

export interface SignSessionOptions extends Partial<Pick<AuthSettings, 'provider' | 'secret' | 'nextAuthOptions' | 'authjs'>> {
  /** The cookie the server reads over https (`__Secure-` prefix); default false (supertest and testRoute speak http). */
  secure?: boolean;
  /** Seconds until the token expires; default the library's (`jwt.maxAge`, `session.maxAge`, else 30 days). */
  maxAge?: number;
}

export interface SignedSession {
  name: string;
  value: string;
  /** `name=value`, for a Cookie header. */
  cookie: string;
}

type AuthjsEncode = NonNullable<NonNullable<ExpressAuthConfig['jwt']>['encode']>;

export async function signSession(user: SessionUser, options: SignSessionOptions = {}): Promise<SignedSession> {
  const settings = { ...options, provider: options.provider ?? defaultProvider() };
  const secret = sessionSecret(settings, process.env);
  if (secret === undefined || secret === '' || (Array.isArray(secret) && secret.length === 0)) {
    throw new NextpressError(
      `signSession: there is no secret to sign the ${settings.provider} session with (the server reads ${settings.provider === 'authjs' ? 'auth.secret, else AUTH_SECRET_3.._1 and AUTH_SECRET' : 'nextAuthOptions.secret, auth.secret, NEXTAUTH_SECRET, then AUTH_SECRET'}). Set AUTH_SECRET in the test before createApp runs, or pass the same { secret } to signSession and createApp's auth.`,
      { code: 'TEST_SESSION' },
    );
  }
  const { id, name, email, image, ...claims } = user;
  const token = { ...claims, name, email, picture: image, sub: id };
  const cookieName = sessionCookieName(settings, options.secure ?? false);
  let value: string;
  if (settings.provider === 'authjs') {
    const config = settings.authjs ?? {};
    const encode: AuthjsEncode = config.jwt?.encode ?? authjsEncode();
    const maxAge = options.maxAge ?? config.jwt?.maxAge ?? config.session?.maxAge;
    value = await encode({ token, secret: typeof secret === 'string' ? secret : [...secret], salt: cookieName, maxAge });
  } else {
    if (typeof secret !== 'string') {
      throw new NextpressError(
        'signSession: the secret is a list (rotation), which only Auth.js supports: next-auth v4 takes one secret. Pass one secret, or { provider: "authjs" }.',
        { code: 'TEST_SESSION' },
      );
    }
    const nextAuth = settings.nextAuthOptions;
    const encode = nextAuth?.jwt?.encode ?? (require('next-auth/jwt') as typeof import('next-auth/jwt')).encode;
    value = await encode({ token, secret, maxAge: options.maxAge ?? nextAuth?.jwt?.maxAge ?? nextAuth?.session?.maxAge });
  }
  return { name: cookieName, value, cookie: `${cookieName}=${value}` };
}

/** signSession's cookie as a Cookie header value: `request(app).get('/api/me').set('Cookie', await sessionCookie(user))`. */
export async function sessionCookie(user: SessionUser, options?: SignSessionOptions): Promise<string> {
  return (await signSession(user, options)).cookie;
}

/** The provider `npm start` would pick: AUTH_PROVIDER, else next-auth. */
export function defaultProvider(): AuthSettings['provider'] {
  const given = process.env.AUTH_PROVIDER;
  if (given === undefined || given === '' || given === 'next-auth') return 'next-auth';
  if (given === 'authjs') return 'authjs';
  throw new NextpressError(`signSession: AUTH_PROVIDER is '${given}': expected next-auth or authjs. Fix the variable, or pass { provider }.`, {
    code: 'TEST_SESSION',
  });
}

/**
 * @auth/core's encode, from the copy @auth/express (the server's session reader) decodes with:
 * @auth/core is @auth/express's dependency, not nextpress's, so it is resolved from there.
 */
function authjsEncode(): AuthjsEncode {
  const from = path.dirname(require.resolve('@auth/express'));
  return (require(require.resolve('@auth/core/jwt', { paths: [from] })) as { encode: AuthjsEncode }).encode;
}
