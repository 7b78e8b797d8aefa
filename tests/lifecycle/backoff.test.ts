import { describe, expect, test } from '@jest/globals';
import { createBackoff, DEFAULT_BACKOFF } from '../../server/lifecycle/backoff';

describe('createBackoff', () => {
  test('doubles from 100 ms up to 10 s while workers keep crashing early', () => {
    const backoff = createBackoff();
    const waits = Array.from({ length: 10 }, () => backoff.next(1_000));
    expect(waits).toEqual([100, 200, 400, 800, 1_600, 3_200, 6_400, 10_000, 10_000, 10_000]);
  });

  test('starts over once a worker had stayed up for stableMs', () => {
    const backoff = createBackoff();
    expect([backoff.next(0), backoff.next(0), backoff.next(0)]).toEqual([100, 200, 400]);
    expect(backoff.next(DEFAULT_BACKOFF.stableMs - 1)).toBe(800);
    expect(backoff.next(DEFAULT_BACKOFF.stableMs)).toBe(100);
    expect(backoff.next(5)).toBe(200);
  });

  test('takes its own limits', () => {
    const backoff = createBackoff({ initialMs: 10, maxMs: 25, stableMs: 50 });
    expect([backoff.next(0), backoff.next(0), backoff.next(0), backoff.next(60), backoff.next(0)]).toEqual([10, 20, 25, 10, 20]);
  });
});
