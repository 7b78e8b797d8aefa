import { describe, expect, test } from '@jest/globals';
import { createDispatcher } from '../../server/dispatch/dispatcher';
import { type Route, toRoute } from '../../server/loading/route';
import { toRouteFile } from '../../server/routing/route-file';

const silent = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} };
const routes: Route[] = ['health/route.ts', 'users/[id]/route.ts'].map((file) => toRoute(toRouteFile('/r', file)));

describe('dispatcher.lookup', () => {
  const dispatcher = createDispatcher(routes, { bodyLimit: 1024, logger: silent });

  test('a static path: the route tree own match object, the same on every request', () => {
    const first = dispatcher.lookup('/health');
    expect(first).toEqual({ route: routes[0], params: {} });
    expect(dispatcher.lookup('/health')).toBe(first);
  });

  test('a dynamic path: the route and its decoded params', () => {
    expect(dispatcher.lookup('/users/a%20b')).toEqual({ route: routes[1], params: { id: 'a b' } });
    expect(dispatcher.lookup('/nope')).toBeUndefined();
  });

  test('conflicting routes are refused when the tree is built', () => {
    const clash = ['u/[id]/route.ts', 'u/[other]/x/route.ts'].map((file) => toRoute(toRouteFile('/r', file)));
    expect(() => createDispatcher(clash, { bodyLimit: 1024, logger: silent })).toThrow(
      expect.objectContaining({
        code: 'ROUTE_CONFLICT',
        message: expect.stringContaining("You cannot use different slug names for the same dynamic path ('id' !== 'other')."),
      }),
    );
  });
});
