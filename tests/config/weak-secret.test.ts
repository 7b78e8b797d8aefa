import { describe, expect, test } from '@jest/globals';
import { weakSecret } from '../../config/weak-secret';

describe('weakSecret', () => {
  test.each<[string, string | undefined]>([
    ['hunter2', '(hidden, 7 characters) is too short for production; expected at least 32 characters (e.g. from `openssl rand -base64 32`)'],
    [
      'a'.repeat(40),
      '(hidden, 40 characters) has only 1 distinct character, too few for a random secret; expected at least 8 (e.g. from `openssl rand -base64 32`)',
    ],
    [
      '1234567'.repeat(5),
      '(hidden, 35 characters) has only 7 distinct characters, too few for a random secret; expected at least 8 (e.g. from `openssl rand -base64 32`)',
    ],
    ['12345678'.repeat(4), undefined],
    ['q3V9dK2mX7pL0sR4tW8yZ1bN6cF5hJ3a+/Ge=', undefined],
  ])('%j -> %j', (secret, problem) => {
    expect(weakSecret(secret)).toBe(problem);
  });
});
