/**
 * @module createAuth: AuthSettings → the middleware createApp mounts after yours, and the guard.
 *
 *   provider 'authjs'     1. session lookup for auth()   2. Auth.js (ExpressAuth) at basePath
 *                         3. a route file under basePath is never served (/api/%61uth/x: 404)   4. the guard
 *   provider 'next-auth'  1. session lookup for auth()   2. trusted X-Forwarded-* for next-auth  3. the guard
 *                         (your `[...nextauth]` route file answers basePath)
 *
 * "Under basePath" is decided on the route the dispatcher serves (a spelling such as
 * /api/%61uth/signin or /api\auth/signin reaches the same route file as /api/auth/signin), never
 * on the URL's text.
 *
 * Only one library owns the base path. Start-up problems fail here naming the setting and the fix
 * (no secret, a bad users file, a bad base path); doubtful set-ups are warned about once (a
 * protected pattern that matches no route, a route file Auth.js hides, no next-auth route file).
 */
import type { Request, RequestHandler } from 'express';
import type { NextAuthOptions } from 'next-auth';
import { requireAuth } from '../../middleware/auth';
import type { Dispatcher } from '../dispatch/dispatcher';
import { NextpressError } from '../errors';
import { sendJsonError } from '../adapter/send-json-error';
import type { EngineLogger } from '../logging/engine-logger';
import { nextAuthSession } from './next-auth-session';
import { createProtectedMatcher } from './protected-matcher';
import { provideSession, sessionOf } from './request-session';
import { sessionSecret } from './session-secret';
import { trustedForwardedHeaders } from './trusted-forwarded-headers';
import type { AuthSettings, SessionResolver } from './types';
import { loadUsersFile } from './users-file';

export interface AuthSetup {
  /** Mounted after the user's middleware, before the guard; the dispatcher says which route a request reaches. */
  middleware: (dispatcher: Dispatcher) => RequestHandler[];
  guard: (dispatcher: Dispatcher) => RequestHandler;
}

export interface AuthContext {
  /** The scanned route files (pattern and file), for the start-up warnings. */
  routes: ReadonlyArray<{ pattern: string; relativeFile: string }>;
  logger: EngineLogger;
  /** Where secrets are read from when settings omit them (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** BODY_LIMIT, for the sign-in bodies Auth.js parses. */
  bodyLimit: number;
}

export const DEFAULT_BASE_PATH = '/api/auth';

export function createAuth(settings: AuthSettings, { routes, logger, env = process.env, bodyLimit }: AuthContext): AuthSetup {
  const basePath = checkBasePath(settings.basePath ?? DEFAULT_BASE_PATH);
  const patterns = settings.protectedPaths ?? [];
  const isProtected = createProtectedMatcher(patterns);
  const underBase = routes.filter((route) => isUnder(basePath, route.pattern));
  warnAboutPatterns(patterns, routes, underBase, basePath, logger);

  let resolver: SessionResolver;
  let middleware: (dispatcher: Dispatcher) => RequestHandler[];
  if (settings.provider === 'authjs') {
    const { ExpressAuth, Router, createAuthjsConfig, authjsSession, parseAuthBody } = loadAuthjs();
    const secret = requireSecrets(sessionSecret(settings, env));
    const users = settings.usersFile === undefined ? undefined : loadUsersFile(settings.usersFile);
    const config = createAuthjsConfig({ settings, secret, basePath, users, logger });
    for (const route of underBase) {
      logger.warn(
        { file: route.relativeFile },
        `'${route.relativeFile}' is under the auth base path ${basePath}, which Auth.js answers (AUTH_PROVIDER=authjs): the file never runs. Set AUTH_PROVIDER=next-auth to serve it, or move it.`,
      );
    }
    resolver = authjsSession(config);
    const session = provideSession(resolver);
    const auth = ExpressAuth(config);
    middleware = (dispatcher) => {
      // Case-sensitive like the route tree; mounted with app.use semantics (Express 5: a plain prefix, no `/*`).
      const mount = Router({ caseSensitive: true });
      mount.use(basePath, malformedPathFirst(dispatcher), ...parseAuthBody(bodyLimit), auth); // sign-in bodies under BODY_LIMIT
      return [session, mount, hideSignInRoutes(basePath, dispatcher)];
    };
  } else {
    // The route file reads AUTH_USERS_FILE itself, on its first request; checked here so a bad file
    // stops the start (as in Auth.js mode) instead of answering 500 on every sign-in URL.
    if (settings.usersFile !== undefined) loadUsersFile(settings.usersFile);
    const options = nextAuthOptionsFor(settings, env, logger);
    if (underBase.length === 0 && patterns.length > 0) {
      logger.warn(
        { basePath },
        `No route file under the auth base path ${basePath}, so nobody can sign in (AUTH_PROVIDER=next-auth). Add a next-auth route file there (e.g. routes${basePath}/[...nextauth]/route.ts, see docs/auth.md) or set AUTH_PROVIDER=authjs.`,
      );
    }
    resolver = nextAuthSession(options);
    // Only the sign-in routes get the rewrite: elsewhere client-sent X-Forwarded-* reach headers()
    // unchanged, as in Next (a spoofed value there only changes what that client itself sees).
    const session = provideSession(resolver);
    const trusted = trustedForwardedHeaders();
    middleware = (dispatcher) => [session, forSignInRoutes(basePath, dispatcher, trusted)];
  }

  // No PROTECTED_PATHS: nothing to guard, so no per-request work for it (bad encoding still answers 400 in the dispatcher).
  const guard = patterns.length === 0 ? () => passThrough : requireAuth({ isProtected, basePath, session: (req) => sessionOf(req) ?? resolver(req) });
  return { middleware, guard };
}

const passThrough: RequestHandler = (_req, _res, next) => next();

const isUnder = (basePath: string, pattern: string) => pattern === basePath || pattern.startsWith(`${basePath}/`);

/** The route file the request reaches is under basePath (false when it reaches none, or its path is malformed: the dispatcher answers those). */
function reachesSignInRoute(basePath: string, dispatcher: Dispatcher, req: Request): boolean {
  try {
    const found = dispatcher.served(req);
    return found !== undefined && isUnder(basePath, found.route.pattern);
  } catch {
    return false;
  }
}

/**
 * next-auth mode: `handler` (the X-Forwarded-* rewrite) for requests that reach a route file under
 * basePath and carry a forwarded header; the others go straight on, without a route match.
 *
 *   /api/auth/signin, /api/%61uth/signin, /api/auth/signin/  + X-Forwarded-Host -> handler
 *   /api/authx, /API/auth/signin (no route), any path without X-Forwarded-*    -> next()
 */
function forSignInRoutes(basePath: string, dispatcher: Dispatcher, handler: RequestHandler): RequestHandler {
  return function forSignInRoutes(req, res, next) {
    const forwarded = req.headers['x-forwarded-proto'] !== undefined || req.headers['x-forwarded-host'] !== undefined;
    return forwarded && reachesSignInRoute(basePath, dispatcher, req) ? handler(req, res, next) : next();
  };
}

/**
 * Auth.js mode, inside Auth.js's mount: malformed percent-encoding (/api/auth/signin/%ZZ) answers
 * the dispatcher's 400, as on any other path, instead of reaching Auth.js (which logs it as its
 * own error and redirects to its error page).
 */
function malformedPathFirst(dispatcher: Dispatcher): RequestHandler {
  return function malformedPathFirst(req, _res, next) {
    try {
      dispatcher.served({ url: req.originalUrl } as Request); // the mount strips basePath from req.url
    } catch (error) {
      next(error);
      return;
    }
    next();
  };
}

/**
 * Auth.js mode, after Auth.js's mount: a request Auth.js did not answer that still reaches a route
 * file under basePath (the mount compares the URL's text, the route tree its decoded segments:
 * /api/%61uth/signin) answers 404, so the file Auth.js hides never runs.
 */
function hideSignInRoutes(basePath: string, dispatcher: Dispatcher): RequestHandler {
  return function hideSignInRoutes(req, res, next) {
    if (reachesSignInRoute(basePath, dispatcher, req)) sendJsonError(res, 404, 'Not Found');
    else next();
  };
}

/**
 * Auth.js takes ~75 ms to load: only AUTH_PROVIDER=authjs pays for it (next-auth is loaded on the
 * first session read). The `express` module too (its exports load body-parser; the app is made
 * without it, lane/create-express-app.ts): Auth.js's mount is an Express Router.
 */
function loadAuthjs() {
  return {
    ExpressAuth: (require('@auth/express') as typeof import('@auth/express')).ExpressAuth,
    parseAuthBody: (require('./parse-auth-body') as typeof import('./parse-auth-body')).parseAuthBody,
    Router: (require('express') as typeof import('express')).Router,
    createAuthjsConfig: (require('./authjs-config') as typeof import('./authjs-config')).createAuthjsConfig,
    authjsSession: (require('./authjs-session') as typeof import('./authjs-session')).authjsSession,
  };
}

/** '/api/auth' stays; '/api/auth/' → '/api/auth'; '/', 'api/auth', '/api/*' → throws naming AUTH_BASE_PATH. */
function checkBasePath(basePath: string): string {
  const trimmed = basePath.length > 1 ? basePath.replace(/\/+$/, '') : basePath;
  // Plain characters only: the path is also an Express mount path, where * : ( ) { } ! + mean something.
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(trimmed) || /\/\.\.?(\/|$)/.test(trimmed)) {
    throw new NextpressError(
      `The auth base path '${basePath}' (AUTH_BASE_PATH / auth.basePath) is not usable: expected a path below / of letters, digits and - . _ ~, without . or .. segments (e.g. /api/auth).`,
      { code: 'BAD_AUTH_BASE_PATH' },
    );
  }
  return trimmed;
}

/** Auth.js: one secret or a non-empty list of them. */
function requireSecrets(secret: string | readonly string[] | undefined): string | readonly string[] {
  if (typeof secret === 'string' || secret === undefined) return requireSecret(secret);
  if (secret.length === 0 || secret.some((one) => typeof one !== 'string' || one === '')) {
    throw new NextpressError(
      'auth.secret is an empty list, or holds an empty secret: expected one secret, or a list of them (the first encrypts new session cookies).',
      { code: 'AUTH_SECRET_MISSING' },
    );
  }
  return secret;
}

function requireSecret(secret: string | readonly string[] | undefined): string {
  if (typeof secret === 'object') {
    throw new NextpressError(
      'auth.secret is a list (secret rotation, as with AUTH_SECRET_1..3), which only Auth.js supports: next-auth v4 takes one secret. Pass one secret, or set AUTH_PROVIDER=authjs.',
      { code: 'AUTH_SECRET_LIST' },
    );
  }
  if (secret === undefined || secret === '') {
    throw new NextpressError(
      'AUTH_SECRET is not set: auth needs a secret to encrypt session cookies. Set AUTH_SECRET to a random string (e.g. from `openssl rand -base64 32`), or pass auth.secret to createApp.',
      { code: 'AUTH_SECRET_MISSING' },
    );
  }
  return secret;
}

/**
 * The options the guard reads next-auth sessions with. next-auth route files take their secret
 * from authOptions.secret, else NEXTAUTH_SECRET, else AUTH_SECRET: the guard must use the same one.
 */
function nextAuthOptionsFor(settings: AuthSettings, env: NodeJS.ProcessEnv, logger: EngineLogger): NextAuthOptions {
  const secret = requireSecret(sessionSecret(settings, env));
  if (settings.nextAuthOptions !== undefined) return { ...settings.nextAuthOptions, secret };
  const routeSecret = env.NEXTAUTH_SECRET ?? env.AUTH_SECRET;
  if (secret !== routeSecret) {
    logger.warn(
      { variable: env.NEXTAUTH_SECRET !== undefined ? 'NEXTAUTH_SECRET' : 'AUTH_SECRET' },
      'auth.secret is not the secret next-auth route files read (NEXTAUTH_SECRET, else AUTH_SECRET, from the environment), so the guard will not recognise their sessions. Set AUTH_SECRET to the same value, or pass your authOptions as auth.nextAuthOptions.',
    );
  }
  return { secret, session: { strategy: 'jwt' }, providers: [], logger: nextAuthLogger(logger) };
}

/**
 * next-auth's logger → the engine's; a junk session cookie is the client's doing (a warning).
 * next-auth keeps one logger per process, so route files whose authOptions have no `logger` log
 * through this one too once the guard has run.
 */
function nextAuthLogger(logger: EngineLogger): NextAuthOptions['logger'] {
  return {
    error(code, metadata) {
      const err = (metadata as { error?: unknown } | undefined)?.error ?? metadata;
      if (code === 'JWT_SESSION_ERROR') logger.warn({ code }, `next-auth: ${code}: ${(err as Error)?.message ?? ''}`);
      else logger.error({ code, err }, `next-auth: ${code}`);
    },
    warn(code) {
      logger.warn({ code }, `next-auth warning: ${code} (https://next-auth.js.org/warnings#${code.toLowerCase()})`);
    },
    debug() {},
  };
}

function warnAboutPatterns(
  patterns: readonly string[],
  routes: AuthContext['routes'],
  underBase: AuthContext['routes'],
  basePath: string,
  logger: EngineLogger,
): void {
  for (const pattern of patterns) {
    const matches = createProtectedMatcher([pattern]);
    if (!routes.some((route) => matches(route.pattern))) {
      logger.warn(
        { pattern },
        `PROTECTED_PATHS entry '${pattern}' matches no route file, so it protects nothing. Patterns name routes as their folders do (e.g. /api/users/[id], /api/admin/**); see docs/auth.md.`,
      );
    }
    for (const route of underBase) {
      if (matches(route.pattern)) {
        logger.warn(
          { pattern, file: route.relativeFile },
          `PROTECTED_PATHS entry '${pattern}' covers '${route.relativeFile}', under the auth base path ${basePath}: sign-in routes are never guarded, so it stays public.`,
        );
      }
    }
  }
}
