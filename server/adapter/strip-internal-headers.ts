/**
 * @module stripInternalHeaders: removes from a client's request the headers Next keeps for its own
 * use between its layers (its `INTERNAL_HEADERS`, deleted from every incoming request), so no route,
 * proxy.ts or upstream of an external rewrite sees a client's `x-middleware-rewrite` or
 * `x-matched-path` as if nextpress or Next had set it.
 *
 *   GET /x, x-middleware-rewrite: http://evil/, x-a: 1  -> GET /x, x-a: 1
 *   GET /x, X-Matched-Path: /admin                       -> GET /x
 *   GET /x without any of them                           -> untouched (one pass over the names, nothing allocated)
 */
import type { IncomingMessage } from 'node:http';

/** Next 16's list (next/dist/server/lib/server-ipc/utils.js). */
export const INTERNAL_HEADERS: ReadonlySet<string> = new Set([
  'x-middleware-rewrite',
  'x-middleware-redirect',
  'x-middleware-set-cookie',
  'x-middleware-skip',
  'x-middleware-override-headers',
  'x-middleware-next',
  'x-now-route-matches',
  'x-matched-path',
  'x-nextjs-data',
  'x-next-resume-state-length',
  'next-resume',
]);

const isInternal = (name: string): boolean => {
  const first = name.charCodeAt(0) | 0x20; // lower case
  return (first === 120 /* x */ || first === 110) /* n */ && name.length >= 11 && INTERNAL_HEADERS.has(name.toLowerCase());
};

export function stripInternalHeaders(req: IncomingMessage): void {
  const raw = req.rawHeaders;
  let found = false;
  for (let i = 0; i < raw.length && !found; i += 2) found = isInternal(raw[i]);
  if (!found) return;
  const kept: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (!isInternal(raw[i])) kept.push(raw[i], raw[i + 1]);
  raw.length = 0;
  raw.push(...kept);
  const headers = req.headers;
  for (const name of INTERNAL_HEADERS) delete headers[name];
}
