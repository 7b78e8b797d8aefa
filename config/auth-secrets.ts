/**
 * @module authjsSecrets: the secret Auth.js builds from AUTH_SECRET and its rotation variables
 * AUTH_SECRET_1..3 (the first of the list encrypts new session cookies; every one decrypts).
 *
 *   { AUTH_SECRET: 'a' }                                   -> 'a'
 *   { AUTH_SECRET: 'a', AUTH_SECRET_1: 'b' }               -> ['b', 'a']
 *   { AUTH_SECRET: 'a', AUTH_SECRET_1: 'b', AUTH_SECRET_3: 'd' } -> ['d', 'b', 'a']
 *   { AUTH_SECRET_2: 'c' }                                 -> ['c']
 *   {}                                                     -> undefined
 */
export type SecretVariables = Partial<Record<'AUTH_SECRET' | 'AUTH_SECRET_1' | 'AUTH_SECRET_2' | 'AUTH_SECRET_3', string | undefined>>;

export function authjsSecrets(env: SecretVariables): string | string[] | undefined {
  const rotation = [env.AUTH_SECRET_3, env.AUTH_SECRET_2, env.AUTH_SECRET_1].filter((value): value is string => !!value);
  if (rotation.length === 0) return env.AUTH_SECRET || undefined;
  return env.AUTH_SECRET ? [...rotation, env.AUTH_SECRET] : rotation;
}
