/**
 * @module sessionCookieName: the name of the cookie a session travels in, as each library names it
 * when it sets the cookie (and looks for it when it reads one). A `cookies.sessionToken.name` in
 * the library's own options wins, as it does in the library.
 *
 *   next-auth, http                         -> 'next-auth.session-token'
 *   next-auth, https                        -> '__Secure-next-auth.session-token'
 *   authjs, http                            -> 'authjs.session-token'
 *   authjs, https                           -> '__Secure-authjs.session-token'
 *   nextAuthOptions.cookies.sessionToken.name = 'sid' (either protocol) -> 'sid'
 */
import type { AuthSettings } from './types';

const BASE_NAME = { 'next-auth': 'next-auth.session-token', authjs: 'authjs.session-token' } as const;

export function sessionCookieName(settings: Pick<AuthSettings, 'provider' | 'nextAuthOptions' | 'authjs'>, secure: boolean): string {
  const own = settings.provider === 'authjs' ? settings.authjs?.cookies?.sessionToken?.name : settings.nextAuthOptions?.cookies?.sessionToken?.name;
  return own ?? `${secure ? '__Secure-' : ''}${BASE_NAME[settings.provider]}`;
}
