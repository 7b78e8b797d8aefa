/**
 * @module chain: several middleware -> one Express layer. Each layer of Express's router costs a
 * path match, three small objects and a few closures per request, so the engine's own middleware
 * (health, request log, auth, the dispatcher) runs as one layer each side of yours. Inside, each
 * handler gets Express's contract: `next()` goes on, `next('route')` too (as for any `app.use`
 * layer), `next('router')` and `next(error)` leave the chain for Express, and a synchronous throw or
 * a rejected promise becomes `next(error)`. A handler that calls `next()` twice (or throws after
 * calling it) moves the chain on once: the second call is ignored, as it would otherwise run the
 * rest of the chain a second time on a response that is already being answered.
 *
 *   chain([])          -> (req, res, next) => next()
 *   chain([a])         -> a itself (nothing to chain)
 *   chain([a, b, c])   -> a, then b when a calls next(), then c, then Express's next()
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { isThenable } from './shared/is-thenable';

export function chain(handlers: RequestHandler[]): RequestHandler {
  if (handlers.length === 1) return handlers[0]; // Fast path: one handler is its own layer.
  const list = [...handlers];
  return function chained(req: Request, res: Response, next: NextFunction): void {
    let index = 0;
    const step = (error?: unknown): void => {
      if (error && error !== 'route') {
        next(error);
        return;
      }
      if (index === list.length) {
        next();
        return;
      }
      const handler = list[index++];
      let moved = false;
      const onward = (reason?: unknown): void => {
        if (moved) return; // a second next() from the same handler
        moved = true;
        step(reason);
      };
      try {
        const result = handler(req, res, onward) as unknown;
        if (isThenable(result)) result.then(undefined, (reason: unknown) => onward(reason || new Error('Rejected promise')));
      } catch (thrown) {
        onward(thrown);
      }
    };
    step();
  };
}
