/**
 * @module connection() of next/server (Next 15+): "wait for a real request before going on". In a
 * route handler that is always already true, so it resolves at once; it marks the request as
 * dynamic (never cached).
 *
 *   await connection()   -> undefined; store.dynamicUsage === 'connection()'
 *   outside a request    -> throws "`connection` was called outside a request scope. ..."
 */
import { getRequestStore } from '../context';

export function connection(): Promise<void> {
  const store = getRequestStore('connection');
  store.dynamicUsage ??= 'connection()';
  return Promise.resolve();
}
