/**
 * @module nextAuthSession: reads a request's next-auth (v4) session with the same options the
 * route files use, through `getServerSession(req, res, options)` (the 3-argument form needs no
 * next/headers). It sees only what Express trusts: the cookie header, the Host, and the protocol
 * after `trust proxy`. The response is a stub: the guard never writes cookies (a session's expiry
 * is refreshed by `GET <basePath>/session`, as next-auth's client does).
 *
 *   cookie next-auth.session-token=<valid JWE>        → { user: { name, email, image }, expires }
 *   no cookie / tampered / expired / other secret    → null
 */
import { parseCookie } from '@edge-runtime/cookies';
import type { NextAuthOptions } from 'next-auth';
import type { SessionResolver } from './types';

const RESPONSE_STUB = { getHeader: () => undefined, setHeader: () => undefined, setCookie: () => undefined };

export function nextAuthSession(options: NextAuthOptions): SessionResolver {
  return async (req) => {
    const cookie = req.headers.cookie;
    if (!cookie) return null; // no cookie, no session: skip the library
    const host = req.host;
    const headers: Record<string, string> = { cookie, 'x-forwarded-proto': req.protocol };
    if (host) headers.host = headers['x-forwarded-host'] = host;
    const view = { headers, cookies: Object.fromEntries(parseCookie(cookie)) };
    // next-auth takes ~70 ms to load: required here, on the first request with a cookie, not at start-up.
    const { getServerSession } = require('next-auth') as typeof import('next-auth');
    const session = await getServerSession(view as never, RESPONSE_STUB as never, options);
    return session === null || Object.keys(session).length === 0 ? null : (session as never);
  };
}
