/**
 * @module sessionSecret: the secret session cookies are encrypted with, read as each library reads
 * it (createApp's guard and auth() use it; so does nextpress/testing's signSession). Undefined when
 * there is none: the caller says what to set.
 *
 *   authjs, auth.secret 'a'                                -> 'a'
 *   authjs, no auth.secret, AUTH_SECRET_1 'b', AUTH_SECRET 'a' -> ['b', 'a'] (the first encrypts)
 *   next-auth, nextAuthOptions given                       -> nextAuthOptions.secret ?? NEXTAUTH_SECRET ?? AUTH_SECRET
 *   next-auth, no nextAuthOptions                          -> auth.secret ?? NEXTAUTH_SECRET ?? AUTH_SECRET
 */
import { authjsSecrets } from '../../config/auth-secrets';
import type { AuthSettings } from './types';

export function sessionSecret(
  settings: Pick<AuthSettings, 'provider' | 'secret' | 'nextAuthOptions'>,
  env: NodeJS.ProcessEnv,
): string | readonly string[] | undefined {
  if (settings.provider === 'authjs') return settings.secret ?? authjsSecrets(env);
  // next-auth route files take authOptions.secret, else NEXTAUTH_SECRET, else AUTH_SECRET.
  const routeSecret = env.NEXTAUTH_SECRET ?? env.AUTH_SECRET;
  if (settings.nextAuthOptions !== undefined) return settings.nextAuthOptions.secret ?? routeSecret;
  return settings.secret ?? routeSecret;
}
