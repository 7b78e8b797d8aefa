/**
 * @module parseTrustProxy: `TRUST_PROXY` to a value Express's `trust proxy` setting accepts.
 * A number is a hop count, so "1" means "trust the first proxy", not `true`.
 *
 *   "true" | "yes"                  → true   (trust every proxy: only behind one you control)
 *   "false" | "no"                  → false
 *   "0" | "2"                       → 0 | 2  (hop count)
 *   "loopback"                      → ["loopback"]
 *   "loopback, 10.0.0.0/8"          → ["loopback", "10.0.0.0/8"]
 *   "10.0.0.0/255.0.0.0,fd00::/8"   → ["10.0.0.0/255.0.0.0", "fd00::/8"]
 *   "proxy.local" | "10.0.0.0/33"   → undefined
 */
import { isIP, isIPv4 } from 'node:net';

export type TrustProxy = boolean | number | readonly string[];

/** The names proxy-addr (Express's `trust proxy`) knows besides addresses and subnets. */
const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);

export function parseTrustProxy(raw: string): TrustProxy | undefined {
  const value = raw.trim().toLowerCase();
  if (value === 'true' || value === 'yes') return true;
  if (value === 'false' || value === 'no') return false;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0 || !entries.every(isTrustEntry)) return undefined;
  return entries;
}

function isTrustEntry(entry: string): boolean {
  if (NAMED.has(entry)) return true;
  const slash = entry.indexOf('/');
  if (slash === -1) return isIP(entry) !== 0;
  const family = isIP(entry.slice(0, slash));
  const mask = entry.slice(slash + 1);
  if (family === 0) return false;
  if (/^\d+$/.test(mask)) return Number(mask) <= (family === 4 ? 32 : 128);
  return family === 4 && isIPv4(mask);
}
