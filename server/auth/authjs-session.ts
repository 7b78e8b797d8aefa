/**
 * @module authjsSession: reads a request's Auth.js session with `getSession(req, config)` of
 * @auth/express, handing it only what Express trusts: the cookie header, the Host, and the
 * protocol after `trust proxy` (getSession itself would believe any X-Forwarded-* header). Secure
 * cookie names are chosen per request as ExpressAuth chooses them when it sets the cookies.
 *
 *   cookie authjs.session-token=<valid JWE>          → { user: { name, email, image }, expires }
 *   no cookie / tampered / expired / other secret    → null
 */
import { getSession, type ExpressAuthConfig } from '@auth/express';
import type { Request as ExpressRequest } from 'express';
import type { AuthSession, SessionResolver } from './types';

export function authjsSession(config: ExpressAuthConfig): SessionResolver {
  return async (req) => {
    if (!req.headers.cookie) return null; // no cookie, no session: skip the library
    const view = { protocol: req.protocol, headers: { host: req.get('host') ?? 'localhost', cookie: req.headers.cookie } };
    const perRequest: ExpressAuthConfig = { ...config, useSecureCookies: config.useSecureCookies ?? req.protocol === 'https' };
    return (await getSession(view as unknown as ExpressRequest, perRequest)) as AuthSession | null;
  };
}
