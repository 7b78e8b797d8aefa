/**
 * @module openEngineLane: the two ways a request reaches the route engine, chosen per request.
 *
 *   the engine lane (the fast path): nothing but nextpress's own middleware would act on the
 *     request, so Express's router is skipped. The request gets exactly what `app.handle` and the
 *     router give the first layer (Express's request and response prototypes, `req.res`/`res.req`,
 *     `res.locals`, `req.originalUrl`, `req.baseUrl`), then runs the engine's middleware in order.
 *   the Express lane: a user's middleware is on the app (createApp's `middleware`, or `app.use` /
 *     `app.get` on the returned app), the app is mounted in another Express app, or
 *     NEXTPRESS_EXPRESS_LANE=1: Express's own `app.handle` runs, with the engine's layers kept last
 *     so middleware added after createApp runs before the route files (a user's `app.use(cors())`
 *     always runs).
 *
 *   GET /api/items, no user middleware            -> engine lane: health, log, pipeline, dispatcher
 *   GET /api/items, app.use(cors()) after createApp -> Express lane: health, log, cors, the engine
 *   app mounted with parent.use('/v1', app)        -> Express lane (the parent's router called it)
 *
 * Both lanes run the same handlers with the same objects, so the whole suite runs through each (CI
 * runs it a second time with NEXTPRESS_EXPRESS_LANE=1).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorRequestHandler, Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { chain } from '../chain';
import { originForm } from '../routing/origin-form';
import { stripInternalHeaders } from '../adapter/strip-internal-headers';
import { LANE_OBJECT } from './lane-classes';

export interface EngineLayers {
  /** Health and the request log: first in both lanes. */
  head: RequestHandler[];
  /** createApp's `middleware` option: Express middleware, so its presence keeps the Express lane. */
  middleware: RequestHandler[];
  /** Host check, next.config and proxy, auth, guards, the dispatcher. */
  engine: RequestHandler[];
  /** What no route answered (JSON 404). */
  notFound: RequestHandler;
  /** Errors from any of the above (JSON for client errors, empty 500 otherwise). */
  errors: ErrorRequestHandler;
}

/** Set NEXTPRESS_EXPRESS_LANE=1 to send every request through Express's router (the equivalence check in CI). */
const FORCE_EXPRESS = process.env.NEXTPRESS_EXPRESS_LANE === '1';

type Handle = (req: IncomingMessage, res: ServerResponse, callback?: NextFunction) => void;

export function openEngineLane(app: Express, layers: EngineLayers): void {
  const { head, middleware, engine, notFound, errors } = layers;
  if (head.length > 0) app.use(chain(head));
  for (const handler of middleware) app.use(handler);
  app.use(chain(engine), notFound, errors);

  const router = app.router as unknown as { stack: unknown[] };
  const own = router.stack.length; // the layers above: any more were added by the user
  const tail = router.stack.slice(own - 3); // the engine, the 404 and the error handler
  const host = app as unknown as { handle: Handle };
  const expressHandle = host.handle.bind(app);
  const laneOpen = !FORCE_EXPRESS && middleware.length === 0;
  const run = chain([...head, ...engine, notFound]);

  /** Keeps the engine's layers last, below whatever the user added after createApp (Express's `use` and routes only append). */
  let arranged = own; // the stack's length when the engine's layers were last put last
  function engineLast(): void {
    const stack = router.stack;
    if (stack.length === arranged) return;
    const rest = stack.filter((layer) => !tail.includes(layer));
    stack.length = 0;
    stack.push(...rest, ...tail);
    arranged = stack.length;
  }

  host.handle = function handle(req, res, callback) {
    // An absolute-form target or a fragment: the engine (and Express) read the path and query only.
    const target = originForm(req.url!);
    if (target !== undefined) req.url = target;
    stripInternalHeaders(req); // a client's x-middleware-rewrite & co. never reach the engine (Next deletes them too)
    if (!laneOpen || callback !== undefined || router.stack.length !== own) {
      engineLast();
      expressHandle(req, res, callback);
      return;
    }
    // Fast path: the engine lane. What app.handle and the router set, without the router.
    const request = req as Request & { [LANE_OBJECT]?: Express };
    const response = res as Response;
    if (request[LANE_OBJECT] !== app) {
      // Servers made elsewhere (supertest, http.createServer(app)) hand over plain objects;
      // nextpress's own server and app.listen() build them with these prototypes (lane-classes.ts).
      Object.setPrototypeOf(req, app.request);
      Object.setPrototypeOf(res, app.response);
    }
    request.res = response;
    response.req = request;
    response.locals = Object.create(null);
    request.originalUrl = req.url!;
    request.baseUrl = '';
    if (app.enabled('x-powered-by')) res.setHeader('X-Powered-By', 'Express');
    run(request, response, (error?: unknown) => {
      // notFound answers everything that reaches it; only next('router') or an error gets here.
      if (error === undefined || typeof error === 'string') notFound(request, response, ignore);
      else errors(error, request, response, ignore);
    });
  };
}

function ignore(): void {}
