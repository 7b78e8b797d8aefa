/**
 * @module parseBoolean: an environment flag to a boolean.
 *
 *   "true" | "1" | "yes"  → true
 *   "false" | "0" | "no"  → false
 *   " Yes "               → true   (case and surrounding spaces are ignored)
 *   "on" | "" | "maybe"   → undefined (not a boolean; the caller reports it)
 */

const TRUE = new Set(['true', '1', 'yes']);
const FALSE = new Set(['false', '0', 'no']);

export function parseBoolean(raw: string): boolean | undefined {
  const value = raw.trim().toLowerCase();
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  return undefined;
}
