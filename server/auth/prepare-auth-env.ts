/**
 * @module prepareAuthEnv: `npm start`'s auth settings, and the environment next-auth route files
 * read (they take their secret and URL from process.env, as in Next):
 *
 *   AUTH_SECRET set                      → used as it is
 *   AUTH_SECRET unset (development/test) → a random secret for this process and its cluster workers,
 *                                          written to AUTH_SECRET, with a warning (sessions end on restart)
 *   AUTH_SECRET unset (production)       → never here: loadConfig refuses to start
 *   next-auth, AUTH_URL=https://x.example, no NEXTAUTH_URL → NEXTAUTH_URL=https://x.example/api/auth
 *   next-auth, neither                   → AUTH_TRUST_HOST=true: next-auth takes the URL from
 *                                          X-Forwarded-Proto/Host, which nextpress rewrites to what
 *                                          Express trusts (so cookies are Secure exactly on HTTPS)
 * Calling it again (the cluster primary, then startServer) finds the secret in the environment.
 */
import { randomBytes } from 'node:crypto';
import type { Config } from '../../config';
import type { EngineLogger } from '../logging/engine-logger';
import type { AuthSettings } from './types';

export function prepareAuthEnv(config: Config, env: NodeJS.ProcessEnv, logger: EngineLogger): AuthSettings {
  const { auth } = config;
  let secret = auth.secret ?? env.AUTH_SECRET;
  if (secret === undefined) {
    secret = randomBytes(32).toString('base64url');
    env.AUTH_SECRET = secret;
    logger.warn(
      { variable: 'AUTH_SECRET' },
      `AUTH_SECRET is not set: using a random secret for this process only (NODE_ENV=${config.nodeEnv}). Everyone is signed out when the server restarts. Set AUTH_SECRET in .env (e.g. from \`openssl rand -base64 32\`); production refuses to start without it.`,
    );
  }
  if (auth.provider === 'next-auth' && env.NEXTAUTH_URL === undefined) {
    if (auth.url !== undefined) env.NEXTAUTH_URL = new URL(auth.basePath, auth.url).href;
    else env.AUTH_TRUST_HOST ??= 'true';
  }
  return { ...auth, secret };
}
