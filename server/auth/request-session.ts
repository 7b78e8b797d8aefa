/**
 * @module sessionOf: a request's session, looked up at most once per request by whoever asks first
 * (the guard, then `auth()` in the handler reuses it). The lookup function lives on the app
 * (`req.app`) and the result on the request, under registered symbols, so every loaded copy of
 * this module agrees (route files are loaded by jiti, the engine by Node or jest).
 */
import type { IncomingMessage } from 'node:http';
import type { Request as ExpressRequest, RequestHandler } from 'express';
import type { AuthSession, SessionResolver } from './types';
import { AUTH_RESOLVER, AUTH_SESSION } from '../shared/shared-state';

const kResolver = AUTH_RESOLVER;
const kSession = AUTH_SESSION;

type RequestWithSession = IncomingMessage & { [kSession]?: Promise<AuthSession | null> };
type WithResolver = { [kResolver]?: SessionResolver };

/** Middleware: lets `sessionOf` (and so `auth()`) find this app's session lookup from the request. */
export function provideSession(resolver: SessionResolver): RequestHandler {
  return function provideSession(req, _res, next) {
    // Kept on the app (`req.app`), written on the first request only: nothing is added to each request.
    const app = req.app as unknown as WithResolver;
    if (app[kResolver] !== resolver) app[kResolver] = resolver;
    next();
  };
}

/** The request's session (cached); undefined when the app has no auth. */
export function sessionOf(req: IncomingMessage): Promise<AuthSession | null> | undefined {
  const r = req as RequestWithSession;
  const cached = r[kSession];
  if (cached !== undefined) return cached;
  const resolver = ((req as Partial<ExpressRequest>).app as WithResolver | undefined)?.[kResolver];
  if (resolver === undefined) return undefined;
  return (r[kSession] = resolver(req as ExpressRequest));
}
