import { describe, expect, test } from '@jest/globals';
import { authjsSecrets, type SecretVariables } from '../../config/auth-secrets';

describe('authjsSecrets: Auth.js order, the first encrypts', () => {
  test.each<[SecretVariables, string | string[] | undefined]>([
    [{ AUTH_SECRET: 'a' }, 'a'],
    [{ AUTH_SECRET: 'a', AUTH_SECRET_1: 'b' }, ['b', 'a']],
    [{ AUTH_SECRET: 'a', AUTH_SECRET_1: 'b', AUTH_SECRET_3: 'd' }, ['d', 'b', 'a']],
    [{ AUTH_SECRET: 'a', AUTH_SECRET_1: 'b', AUTH_SECRET_2: 'c', AUTH_SECRET_3: 'd' }, ['d', 'c', 'b', 'a']],
    [{ AUTH_SECRET_2: 'c' }, ['c']],
    [{ AUTH_SECRET: '', AUTH_SECRET_1: '' }, undefined],
    [{}, undefined],
  ])('%j -> %j', (env, expected) => {
    expect(authjsSecrets(env)).toEqual(expected);
  });
});
