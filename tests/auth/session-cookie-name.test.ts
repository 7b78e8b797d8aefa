/**
 * sessionCookieName: the session cookie's name as each library names it (the docblock's table).
 */
import { expect, test } from '@jest/globals';
import { sessionCookieName } from '../../server/auth/session-cookie-name';

const sid = { sessionToken: { name: 'sid', options: {} } };

test.each([
  [{ provider: 'next-auth' as const }, false, 'next-auth.session-token'],
  [{ provider: 'next-auth' as const }, true, '__Secure-next-auth.session-token'],
  [{ provider: 'authjs' as const }, false, 'authjs.session-token'],
  [{ provider: 'authjs' as const }, true, '__Secure-authjs.session-token'],
  [{ provider: 'next-auth' as const, nextAuthOptions: { providers: [], cookies: sid } }, true, 'sid'],
  [{ provider: 'authjs' as const, authjs: { cookies: sid } }, false, 'sid'],
  [{ provider: 'authjs' as const, nextAuthOptions: { providers: [], cookies: sid } }, false, 'authjs.session-token'],
])('%j, secure %s -> %s', (settings, secure, name) => {
  expect(sessionCookieName(settings, secure)).toBe(name);
});
