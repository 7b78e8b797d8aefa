import { describe, expect, test } from '@jest/globals';
import { parseDuration } from '../../config/parse-duration';

describe('parseDuration', () => {
  test.each([
    ['0', 0],
    ['5000', 5000],
    ['250ms', 250],
    ['250 ms', 250],
    ['30s', 30_000],
    ['30S', 30_000],
    ['1.5s', 1500],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['0.0004s', 0],
    [' 10s ', 10_000],
    ['-5', undefined],
    ['5 days', undefined],
    ['5d', undefined],
    ['s', undefined],
    ['', undefined],
    ['1e3', undefined],
    ['soon', undefined],
  ])('%j → %j', (raw, expected) => {
    expect(parseDuration(raw)).toBe(expected);
  });
});
