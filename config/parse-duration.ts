/**
 * @module parseDuration: a duration to whole milliseconds. A bare number is already milliseconds,
 * since every duration variable is named `*_MS`.
 *
 *   "5000"  → 5000
 *   "250ms" → 250
 *   "30s"   → 30000
 *   "1.5s"  → 1500
 *   "2m"    → 120000
 *   "1h"    → 3600000
 *   "-5" | "5 days" | "s" | "" → undefined
 */

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/;

export function parseDuration(raw: string): number | undefined {
  const match = DURATION.exec(raw.trim().toLowerCase());
  if (match === null) return undefined;
  const factor = match[2] === '' ? 1 : UNITS[match[2]];
  if (factor === undefined) return undefined;
  const ms = Math.round(Number(match[1]) * factor);
  return Number.isSafeInteger(ms) ? ms : undefined;
}
