/**
 * @module The shapes auth is configured with and hands out: createApp's `auth` option, a session,
 * and the function that finds a request's session.
 */
import type { ExpressAuthConfig } from '@auth/express';
import type { Request as ExpressRequest } from 'express';
import type { NextAuthOptions } from 'next-auth';
import type { AuthProvider, OAuthClient } from '../../config/types';

/** createApp's `auth` option; `loadConfig().auth` (with its secret) fits as it is. */
export interface AuthSettings {
  /**
   * Which library owns `basePath`: 'next-auth' (your `[...nextauth]` route file answers it) or
   * 'authjs' (nextpress mounts Auth.js's ExpressAuth there, before the route files).
   */
  readonly provider: AuthProvider;
  /**
   * Encrypts session cookies. Default: the environment, read as each library reads it (Auth.js:
   * AUTH_SECRET_3, _2, _1 and AUTH_SECRET; next-auth: NEXTAUTH_SECRET, then AUTH_SECRET).
   * createApp throws when there is none. Auth.js also takes a list, to rotate secrets: the first
   * encrypts new session cookies, and every one is tried on the cookies that come in.
   */
  readonly secret?: string | readonly string[] | undefined;
  /** Where sign-in lives (default /api/auth). */
  readonly basePath?: string;
  /** Route patterns that answer 401 without a session, e.g. `/api/session`, `/api/admin/**`. */
  readonly protectedPaths?: readonly string[];
  /** Auth.js providers (next-auth's come from your authOptions). */
  readonly github?: OAuthClient | undefined;
  readonly google?: OAuthClient | undefined;
  /** Auth.js Credentials sign-in: a users file of scrypt or bcrypt hashes (docs/auth.md). */
  readonly usersFile?: string | undefined;
  /**
   * next-auth: your authOptions, so the guard and `auth()` read sessions exactly as your route
   * files do (custom cookie names, callbacks, a database adapter). Without them the guard reads
   * next-auth's default JWT session cookie with the secret above.
   */
  readonly nextAuthOptions?: NextAuthOptions;
  /** Auth.js: more ExpressAuth settings (callbacks, pages, session, more providers). */
  readonly authjs?: Partial<ExpressAuthConfig>;
}

/** What `auth()` and the guard see: `{ user: { name, email, image }, expires }` plus what callbacks add. */
export interface AuthSession {
  user?: { name?: string | null; email?: string | null; image?: string | null; [key: string]: unknown };
  expires: string;
  [key: string]: unknown;
}

/** The session a request carries, or null; an error means the auth setup itself is broken. */
export type SessionResolver = (req: ExpressRequest) => Promise<AuthSession | null>;
