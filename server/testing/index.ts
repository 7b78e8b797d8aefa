/**
 * @module nextpress/testing: what a project's tests import.
 *   testRoute(module or 'app/.../route.ts', { url, params, method, headers, cookies, body }) -> Response
 */
export { testRoute } from './test-route';
export type { TestRouteOptions, TestResponse } from './test-route';
export type { RouteParamsInput } from './route-for-module';
