/**
 * @module parseSize: a human size to a whole number of bytes, by `bytes.parse` (Express's own
 * parser: units are powers of 1024, as in its body parsers), for the forms a size setting accepts.
 *
 *   "1024"   → 1024
 *   "10b"    → 10
 *   "512kb"  → 524288
 *   "10MB"   → 10485760
 *   "1.5 mb" → 1572864
 *   "2gb"    → 2147483648
 *   "10 zb" | "1tb" | "-1" | "mb" | "" → undefined
 *
 * The form is checked first: left alone, `bytes.parse` reads "10 zb" as 10 and "-1" as -1, and
 * knows tb and pb, which a size setting must refuse.
 */
import bytes from 'bytes';

const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i;

export function parseSize(raw: string): number | undefined {
  const match = SIZE.exec(raw.trim());
  if (match === null) return undefined;
  const size = bytes.parse(match[1] + (match[2] ?? ''));
  return size !== null && Number.isSafeInteger(size) ? size : undefined;
}
