/**
 * @module `server-only` for route files: an empty module, as Next's react-server condition gives it.
 * Route handlers always run on the server, so a lib that imports 'server-only' loads unchanged.
 *
 *   import 'server-only'  -> nothing happens (the real package would throw outside react-server)
 */
export {};
