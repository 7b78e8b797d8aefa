/**
 * @module laneListen: `app.listen` as Express 5 spells it (a callback also hears a listen error,
 * once), on a server whose requests are born with the app's prototypes (lane-classes.ts).
 *
 *   app.listen(3000, () => ...)   -> an http.Server on 3000; EADDRINUSE reaches the callback as its argument
 */
import http, { type Server } from 'node:http';
import type { Express } from 'express';
import { laneClasses } from './lane-classes';

export function laneListen(app: Express): (...args: unknown[]) => Server {
  return function listen(...args: unknown[]): Server {
    const server = http.createServer(laneClasses(app), app);
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as (error?: Error) => void;
      let called = false;
      const once = (error?: Error) => {
        if (called) return;
        called = true;
        callback(error);
      };
      args[last] = once;
      server.once('error', once);
    }
    return server.listen(...(args as Parameters<Server['listen']>));
  };
}
