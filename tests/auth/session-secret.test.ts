/**
 * sessionSecret: the secret sessions are encrypted with, as each library reads it (the docblock's table).
 */
import { expect, test } from '@jest/globals';
import { sessionSecret } from '../../server/auth/session-secret';

test.each([
  ['authjs, auth.secret', { provider: 'authjs' as const, secret: 'a' }, { AUTH_SECRET: 'env' }, 'a'],
  ['authjs, rotation from the environment', { provider: 'authjs' as const }, { AUTH_SECRET: 'a', AUTH_SECRET_1: 'b' }, ['b', 'a']],
  ['authjs, NEXTAUTH_SECRET is not read', { provider: 'authjs' as const }, { NEXTAUTH_SECRET: 'n' }, undefined],
  ['next-auth, NEXTAUTH_SECRET before AUTH_SECRET', { provider: 'next-auth' as const }, { NEXTAUTH_SECRET: 'n', AUTH_SECRET: 'a' }, 'n'],
  ['next-auth, AUTH_SECRET', { provider: 'next-auth' as const }, { AUTH_SECRET: 'a' }, 'a'],
  ['next-auth, auth.secret', { provider: 'next-auth' as const, secret: 's' }, { AUTH_SECRET: 'a' }, 's'],
  ['next-auth, authOptions.secret', { provider: 'next-auth' as const, nextAuthOptions: { providers: [], secret: 'o' } }, { AUTH_SECRET: 'a' }, 'o'],
  [
    'next-auth, authOptions without one: the environment, not auth.secret',
    { provider: 'next-auth' as const, secret: 's', nextAuthOptions: { providers: [] } },
    { AUTH_SECRET: 'a' },
    'a',
  ],
  ['next-auth, none', { provider: 'next-auth' as const }, {}, undefined],
])('%s', (_name, settings, env, secret) => {
  expect(sessionSecret(settings, env)).toEqual(secret);
});
