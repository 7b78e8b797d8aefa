/**
 * @module installWebSocket: a global `WebSocket` on Node 20, as Next provides one (Node 22 has it
 * built in). Next's own app-route test handler and supabase-js refuse to run without it.
 *
 *   target has a WebSocket (Node 22+, or installed before) -> left as it is
 *   none (Node 20)                                          -> undici's WebSocket, loaded on first
 *                                                              use (a getter, so start-up does not
 *                                                              pay for undici); assignable
 * undici is loaded by Node's own require (process.getBuiltinModule), not the caller's: under jest
 * the target is Node's main global, shared by every test file, and outlives each file's require.
 */
export function installWebSocket(target: typeof globalThis = globalThis): void {
  if ('WebSocket' in target) return; // without reading it: that would run an installed getter
  let value: unknown;
  Object.defineProperty(target, 'WebSocket', {
    configurable: true,
    enumerable: false,
    get: () => (value ??= (process.getBuiltinModule('node:module').createRequire(__filename)('undici') as typeof import('undici')).WebSocket),
    set: (replacement: unknown) => {
      value = replacement;
    },
  });
}
