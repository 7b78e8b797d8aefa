import { describe, expect, test } from '@jest/globals';
import { readMaxDuration } from '../../server/loading/route';

describe("readMaxDuration: Next's `export const maxDuration` (seconds) -> ms", () => {
  test.each<[unknown, number | undefined]>([
    [5, 5000],
    [0.5, 500],
    [300, 300_000],
    [undefined, undefined],
    [0, undefined],
    [-1, undefined],
    [Number.POSITIVE_INFINITY, undefined],
    [Number.NaN, undefined],
    ['5', undefined],
  ])('%p -> %p', (value, expected) => {
    expect(readMaxDuration(value === undefined ? {} : { maxDuration: value })).toBe(expected);
  });
});
