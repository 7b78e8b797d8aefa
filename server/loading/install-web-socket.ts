/**
 * @module installWebSocket: a global `WebSocket` on Node 20, as Next provides one (Node 22 has it
 * built in). Next's own app-route test handler and supabase-js refuse to run without it.
 *
 *   target has a WebSocket (Node 22+, or installed before) -> left as it is
 *   none (Node 20)                                          -> undici's WebSocket, loaded on first
 *                                                              use (a getter, so start-up does not
 *                                                              pay for undici); assignable
 * undici is loaded by the require of the target's own `process` (process.getBuiltinModule), taken
 * at install time: under jest the target is Node's main global, shared by every test file, and the
 * getter outlives the file that installed it, whose `process` and require are jest's.
 */
export function installWebSocket(target: { process: NodeJS.Process } = globalThis): void {
  if ('WebSocket' in target) return; // without reading it: that would run an installed getter
  const nodeRequire = target.process.getBuiltinModule('node:module').createRequire(__filename);
  let value: unknown;
  Object.defineProperty(target, 'WebSocket', {
    configurable: true,
    enumerable: false,
    get: () => (value ??= (nodeRequire('undici') as typeof import('undici')).WebSocket),
    set: (replacement: unknown) => {
      value = replacement;
    },
  });
}
