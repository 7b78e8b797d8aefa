/**
 * @module requireAuth: the guard between your middleware and the route files. It asks the
 * dispatcher which route file a request resolves to (the same route tree that serves it), and when
 * that route is protected and the request has no session it answers 401 itself; the route file
 * never runs. URLs are never compared as strings, so a spelling either reaches the protected route
 * (and is judged) or reaches no route at all:
 *
 *   GET /api/session, protected, no session            → 401 {"error":"Unauthorized"}, WWW-Authenticate
 *   GET /api/%73ession                                 → the same route: 401
 *   GET /api/session/ or //api/session, no session     → judged as /api/session (the path the dispatcher
 *                                                        redirects to): 401, never a redirect first
 *   GET /API/SESSION, /api/./session, /api%2Fsession   → no route: next() → 404
 *   GET /api/session/%ZZ                               → the dispatcher's 400 for malformed encoding
 *   HEAD, OPTIONS, POST with X-HTTP-Method-Override    → the method is not looked at: 401
 *   a route under the auth base path                   → never guarded (sign-in must stay reachable)
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Dispatcher } from '../server/dispatch/dispatcher';
import type { ProtectedMatcher } from '../server/auth/protected-matcher';
import type { AuthSession } from '../server/auth/types';
import { sendJsonError } from '../server/adapter/send-json-error';

export interface RequireAuthOptions {
  /** Is this route pattern (e.g. `/api/users/[id]`) protected? */
  isProtected: ProtectedMatcher;
  /** Routes at or under this path are sign-in routes: never guarded. */
  basePath: string;
  /** The request's session, or null. */
  session: (req: Request) => Promise<AuthSession | null>;
}

export function requireAuth({ isProtected, basePath, session }: RequireAuthOptions): (dispatcher: Dispatcher) => RequestHandler {
  const isSignInRoute = (pattern: string) => pattern === basePath || pattern.startsWith(`${basePath}/`);
  const challenge = `Cookie realm="nextpress", form-action="${basePath}/signin"`;

  return (dispatcher) =>
    function requireAuth(req, res, next) {
      const found = dispatcher.served(req); // where the dispatcher's redirects lead; throws 400 for bad encoding
      if (found === undefined || isSignInRoute(found.route.pattern) || !isProtected(found.route.pattern)) {
        next();
        return;
      }
      return session(req).then((current) => {
        if (current === null) sendUnauthorized(res, challenge);
        else next();
      });
    };
}

function sendUnauthorized(res: Response, challenge: string): void {
  sendJsonError(res, 401, 'Unauthorized', { 'cache-control': 'no-store', 'www-authenticate': challenge });
}
