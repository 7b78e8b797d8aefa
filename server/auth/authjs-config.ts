/**
 * @module createAuthjsConfig: AuthSettings → the ExpressAuth config nextpress mounts at the base
 * path (and hands to `getSession`). Providers come from settings, each only when configured:
 *
 *   github { clientId, clientSecret }  → GitHub OAuth      (AUTH_GITHUB_ID / AUTH_GITHUB_SECRET)
 *   google { clientId, clientSecret }  → Google OAuth      (AUTH_GOOGLE_ID / AUTH_GOOGLE_SECRET)
 *   users (from AUTH_USERS_FILE)       → Credentials: username + password, checked against hashes
 *   authjs.providers                   → appended as given
 */
import type { ExpressAuthConfig } from '@auth/express';
import Credentials from '@auth/express/providers/credentials';
import GitHub from '@auth/express/providers/github';
import Google from '@auth/express/providers/google';
import type { EngineLogger } from '../logging/engine-logger';
import { authorizeCredentials } from './authorize-credentials';
import type { AuthSettings } from './types';
import type { UserRecord } from './users-file';

/** Errors a client causes (bad password, stale form, junk cookie): a warning, not a stack trace. */
const CLIENT_ERRORS = new Set([
  'CredentialsSignin',
  'MissingCSRF',
  'JWTSessionError',
  'InvalidCheck',
  'UnknownAction',
  'InvalidCallbackUrl',
  'InvalidProvider',
  'OAuthCallbackError',
]);

export interface AuthjsConfigInput {
  settings: AuthSettings;
  /** One secret, or a rotation list (the first encrypts). */
  secret: string | readonly string[];
  basePath: string;
  users: readonly UserRecord[] | undefined;
  logger: EngineLogger;
}

export function createAuthjsConfig({ settings, secret, basePath, users, logger }: AuthjsConfigInput): ExpressAuthConfig {
  const providers: ExpressAuthConfig['providers'] = [];
  if (settings.github) providers.push(GitHub({ clientId: settings.github.clientId, clientSecret: settings.github.clientSecret }));
  if (settings.google) providers.push(Google({ clientId: settings.google.clientId, clientSecret: settings.google.clientSecret }));
  if (users !== undefined) {
    providers.push(
      Credentials({
        name: 'Username',
        credentials: { username: { label: 'Username' }, password: { label: 'Password', type: 'password' } },
        authorize: (credentials) => authorizeCredentials(users, credentials),
      }),
    );
  }
  const extra = settings.authjs ?? {};
  return {
    ...extra,
    providers: [...providers, ...(extra.providers ?? [])],
    secret: typeof secret === 'string' ? secret : [...secret],
    basePath,
    // The URL Auth.js sees is built by Express: the Host header, and the protocol after `trust
    // proxy`. That is the host being served, so there is nothing more to trust or distrust here.
    trustHost: true,
    session: { strategy: 'jwt', ...extra.session },
    logger: extra.logger ?? {
      error(error: Error & { type?: string }) {
        const type = error.type ?? error.name;
        if (CLIENT_ERRORS.has(type)) logger.warn({ type }, `Auth.js: ${type}: ${error.message}`);
        else logger.error({ err: error, type }, `Auth.js: ${type}`);
      },
      warn(code) {
        // AUTH_URL is read for getSession; the mount, not AUTH_URL, sets the base path (on purpose).
        if (code !== 'env-url-basepath-redundant') logger.warn({ code }, `Auth.js warning: ${code}`);
      },
      debug() {},
    },
  };
}
