/**
 * @module The small value parsers the schema composes (booleans, sizes, durations and trust proxy
 * have their own files). Each takes the raw text and returns the value, or undefined when the text
 * is not that kind of value, or a Rejection with a more precise problem.
 *
 *   integer(0, 65535)("8080") → 8080          integer(0, 65535)("80.5") → undefined
 *   oneOf(['a', 'b'], true)(" B ") → "b"
 *   host("::1") → "::1"                        host("my host") → undefined
 *   httpUrl("https://x.test/api/") → "https://x.test/api"
 *   urlPath("/health/") → "/health"            urlPath("health") → undefined
 *   routePatterns("/a, /b/**,") → ["/a", "/b/**"]
 *   existing('directory', cwd)("routes") → "<cwd>/routes", or a Rejection: does not exist / is not a directory
 */
import { statSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { parseDuration } from './parse-duration';
import { parseSize } from './parse-size';
import { reject, type Rejection } from './variable';

const HOSTNAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;
/** A URL path: starts with `/`, no spaces, query or fragment. */
const URL_PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/;
/** A route pattern: a URL path that may also hold `*`, `**` and `[param]` segments. */
const ROUTE_PATTERN = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/[\]-]*$/;

export function integer(min: number, max: number) {
  return (raw: string): number | undefined => {
    const value = raw.trim();
    if (!/^\d+$/.test(value)) return undefined;
    const n = Number(value);
    return n >= min && n <= max ? n : undefined;
  };
}

export function oneOf<T extends string>(values: readonly T[], caseless = false) {
  return (raw: string): T | undefined => {
    const value = caseless ? raw.trim().toLowerCase() : raw.trim();
    return values.find((candidate) => candidate === value);
  };
}

/** The longest delay Node's timers take (2^31 - 1 ms, about 24.8 days); a longer one fires after 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;

export function durationAtLeast(min: number) {
  return (raw: string): number | undefined => {
    const ms = parseDuration(raw);
    return ms !== undefined && ms >= min && ms <= MAX_TIMER_MS ? ms : undefined;
  };
}

export function sizeAtLeast(min: number) {
  return (raw: string): number | undefined => {
    const bytes = parseSize(raw);
    return bytes !== undefined && bytes >= min ? bytes : undefined;
  };
}

export function httpUrl(raw: string): string | undefined {
  const value = raw.trim();
  if (!URL.canParse(value)) return undefined;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:' ? value.replace(/\/+$/, '') : undefined;
}

export function urlPath(raw: string): string | undefined {
  const value = raw.trim();
  if (!URL_PATH.test(value)) return undefined;
  return value.length > 1 ? value.replace(/\/+$/, '') : value;
}

export function existing(kind: 'directory' | 'file', cwd: string) {
  return (raw: string): string | Rejection => {
    const path = resolve(cwd, raw.trim());
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats === undefined) return reject(`does not exist (resolved to ${path})`);
    const ok = kind === 'directory' ? stats.isDirectory() : stats.isFile();
    return ok ? path : reject(`is not a ${kind} (resolved to ${path})`);
  };
}

export function text(raw: string): string {
  return raw.trim();
}

export function host(raw: string): string | undefined {
  const value = raw.trim();
  return isIP(value) !== 0 || HOSTNAME.test(value) ? value : undefined;
}

export function routePatterns(raw: string): string[] | undefined {
  const patterns = raw
    .split(',')
    .map((pattern) => pattern.trim())
    .filter((pattern) => pattern !== '');
  return patterns.every((pattern) => ROUTE_PATTERN.test(pattern)) ? patterns : undefined;
}

export function redisUrl(raw: string): string | undefined {
  const value = raw.trim();
  if (!URL.canParse(value)) return undefined;
  const { protocol } = new URL(value);
  return protocol === 'redis:' || protocol === 'rediss:' ? value : undefined;
}
