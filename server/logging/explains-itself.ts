/**
 * @module explainsItself: an error whose message is all a reader needs (the file, the problem and
 * the fix, caused by the user's files, not by a bug), which development logs as that one line,
 * without the error object and its stack (logger.ts, engine-logger.ts):
 *
 *   a route conflict, a bad folder name, no routes folder   (ROUTE_CONFLICT, BAD_SEGMENT, ROUTES_DIR) -> true
 *   two proxy files, a proxy with no function, a bad next.config value
 *                                           (PROXY_CONFLICT, PROXY_NO_FUNCTION, NEXT_CONFIG_INVALID) -> true
 *   a route file with a syntax error or an import that resolves to nothing   (RouteLoadError.explained) -> true
 *   a route file that throws while loading, a handler's error, anything not nextpress's              -> false
 *                                                                        (the stack shows where it was thrown)
 */
import { isNextpressError } from '../errors';

const WORDED_CODES = new Set(['ROUTE_CONFLICT', 'BAD_SEGMENT', 'ROUTES_DIR', 'PROXY_CONFLICT', 'PROXY_NO_FUNCTION', 'NEXT_CONFIG_INVALID']);

export function explainsItself(error: unknown): boolean {
  if (!isNextpressError(error)) return false;
  if (error.code === 'ROUTE_LOAD_FAILED') return (error as { explained?: unknown }).explained === true;
  return error.code !== undefined && WORDED_CODES.has(error.code);
}
