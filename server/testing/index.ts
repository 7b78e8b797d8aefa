/**
 * @module nextpress/testing: what a project's tests import.
 *   testRoute(module or 'app/.../route.ts', { url, params, method, headers, cookies, body, session }) -> Response
 *   sessionCookie(user, auth settings) -> 'next-auth.session-token=<JWE>' (signSession: { name, value, cookie })
 */
export { testRoute } from './test-route';
export type { TestRouteOptions, TestResponse } from './test-route';
export type { RouteParamsInput } from './route-for-module';
export { sessionCookie, signSession } from './sign-session';
export type { SessionUser, SignedSession, SignSessionOptions } from './sign-session';
