/**
 * installWebSocket: undici's WebSocket where there is none, created on first read; an existing
 * one is never replaced.
 */
import { expect, test } from '@jest/globals';
import { installWebSocket } from '../../server/loading/install-web-socket';

test("no WebSocket: a getter that gives undici's WebSocket class, and can be assigned", () => {
  const target = { process } as { process: NodeJS.Process; WebSocket?: unknown };
  installWebSocket(target);
  expect(typeof target.WebSocket).toBe('function');
  expect((target.WebSocket as { name: string }).name).toBe('WebSocket');
  const replacement = class {};
  target.WebSocket = replacement;
  expect(target.WebSocket).toBe(replacement);
});

test('an existing WebSocket (Node 22, or installed before) is left as it is', () => {
  const existing = class {};
  const target = { process, WebSocket: existing };
  installWebSocket(target);
  expect(target.WebSocket).toBe(existing);
});
