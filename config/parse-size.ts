/**
 * @module parseSize: a human size to a whole number of bytes (units are powers of 1024, as in
 * Express's body parsers).
 *
 *   "1024"   → 1024
 *   "10b"    → 10
 *   "512kb"  → 524288
 *   "10MB"   → 10485760
 *   "1.5 mb" → 1572864
 *   "2gb"    → 2147483648
 *   "10 zb" | "1tb" | "-1" | "mb" | "" → undefined
 *
 * Not `bytes.parse` (Express's, used for messages in adapter/read-body.ts): it reads "10 zb" as 10
 * and "-1" as -1, and knows tb and pb, which a size setting must refuse.
 */

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
const SIZE = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/;

export function parseSize(raw: string): number | undefined {
  const match = SIZE.exec(raw.trim().toLowerCase());
  if (match === null) return undefined;
  const factor = match[2] === '' ? 1 : UNITS[match[2]];
  if (factor === undefined) return undefined;
  const bytes = Math.floor(Number(match[1]) * factor);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}
