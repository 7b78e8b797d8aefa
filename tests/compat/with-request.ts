/**
 * @module Test helper: run a function inside a request context, as the dispatcher does, without
 * a server. The fake `res` is enough for next/headers (it only reads `headersSent`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestStore, requestContext } from '../../server/context';

export interface FakeRequest {
  store: RequestStore;
  /** Flip to true to act as if the response had been sent (the after() phase). */
  res: { headersSent: boolean };
  run<T>(fn: () => T): T;
}

export function fakeRequest(headers: Record<string, string> = {}, url = 'http://a.test/api/x'): FakeRequest {
  const res = { headersSent: false };
  const store = new RequestStore(new Request(url, { headers }), {} as IncomingMessage, res as unknown as ServerResponse, 'api/x/route.ts');
  return { store, res, run: (fn) => requestContext.run(store, fn) };
}
