/**
 * @module installWebSocket: a global `WebSocket` on Node 20, as Next provides one (Node 22 has it
 * built in). Next's own app-route test handler and supabase-js refuse to run without it.
 *
 *   globalThis.WebSocket defined (Node 22+)  -> left as it is
 *   undefined (Node 20)                      -> undici's WebSocket, loaded on first use (a getter,
 *                                               so start-up does not pay for undici); assignable
 */
export function installWebSocket(target: typeof globalThis = globalThis): void {
  if (typeof (target as { WebSocket?: unknown }).WebSocket !== 'undefined') return;
  let value: unknown;
  Object.defineProperty(target, 'WebSocket', {
    configurable: true,
    enumerable: false,
    get: () => (value ??= (require('undici') as typeof import('undici')).WebSocket),
    set: (replacement: unknown) => {
      value = replacement;
    },
  });
}
