/**
 * @module createBackoff: how long to wait before replacing a crashed worker. The delay doubles on
 * each crash, up to a cap, and starts over once a worker had stayed up long enough.
 *
 *   defaults (100 ms, cap 10 s, stable after 10 s):
 *   crash after 1 s   → 100 ms
 *   crash after 1 s   → 200 ms
 *   crash after 1 s   → 400 ms   ... → 10 s, 10 s, ...
 *   crash after 60 s  → 100 ms   (it had been stable: start over)
 */

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  /** A worker up at least this long resets the delay. */
  stableMs?: number;
}

export interface Backoff {
  /** The wait before the next replacement, given how long the crashed worker had been up. */
  next(uptimeMs: number): number;
}

export const DEFAULT_BACKOFF = { initialMs: 100, maxMs: 10_000, stableMs: 10_000 } as const;

export function createBackoff(options: BackoffOptions = {}): Backoff {
  const { initialMs, maxMs, stableMs } = { ...DEFAULT_BACKOFF, ...options };
  let delay = initialMs;
  return {
    next(uptimeMs) {
      if (uptimeMs >= stableMs) delay = initialMs;
      const wait = delay;
      delay = Math.min(delay * 2, maxMs);
      return wait;
    },
  };
}
