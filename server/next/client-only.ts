/**
 * @module `client-only` for route files: importing it throws, as it does in Next's react-server
 * build, so code meant for the browser never runs in a route handler by mistake.
 *
 *   import 'client-only'  -> throws "This module cannot be imported from a Server Component module. ..."
 */
export {};

throw new Error(
  'This module cannot be imported from a Server Component module. It should only be used from a Client Component. ' +
    "'client-only' was imported on the server, where route handlers run: move the browser-only code out of what the route imports.",
);
