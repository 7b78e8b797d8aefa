/**
 * @module createExpressApp: a new Express 5 app, the one `express()` returns, made without loading
 * what only the `express` module's own exports need: body-parser's four parsers and serve-static
 * (`express.json()`, `express.static()`, ...), about 20-40 ms of a cold start on a slow machine,
 * and bare Express pays it too. nextpress reads request bodies itself.
 *
 *   createExpressApp()  ->  app: a function (req, res, next) with Express's application methods,
 *                           app.request / app.response inheriting express.request / express.response,
 *                           app.init() run (settings, router), as express() does
 *
 * It is made from the same modules `express()` uses (express/lib/application, request, response:
 * Node loads each once), so an app of yours, `express.json()` or `express.request.x = ...` later
 * meet the same prototypes. tests/lane/create-express-app.test.ts compares it with `express()`.
 *
 * `qs` is loaded on first use, not with Express (requireApplication): express/lib/utils requires it
 * at load for one function, the 'extended' query parser, while the default ('simple') is
 * node:querystring. qs brings 54 modules (side-channel, get-intrinsic, object-inspect, ...):
 *
 *   require('qs') alone, Node 20, this project's VM    50-64 ms   (the whole start: ~450 ms)
 *   app.set('query parser', 'extended'), first query   -> the real qs loaded then, and used
 *   require('qs') anywhere, before or after            -> the real qs (never the stand-in)
 */
import { EventEmitter } from 'node:events';
import Module from 'node:module';
import path from 'node:path';
import type { Express } from 'express';

interface Application {
  init(): void;
}

export function createExpressApp(): Express {
  // Node's module cache makes these the very objects express() mixes in.
  const application = requireApplication();
  const request: object = require('express/lib/request');
  const response: object = require('express/lib/response');
  const app = function app(req: unknown, res: unknown, next: unknown): void {
    (app as unknown as { handle(...args: unknown[]): void }).handle(req, res, next);
  } as unknown as Express;
  // Own properties of each source, not overwriting: EventEmitter's methods, then the application's.
  for (const source of [EventEmitter.prototype, application]) {
    for (const name of Object.getOwnPropertyNames(source)) {
      if (!Object.hasOwn(app, name)) Object.defineProperty(app, name, Object.getOwnPropertyDescriptor(source, name)!);
    }
  }
  const withApp = { app: { configurable: true, enumerable: true, writable: true, value: app } };
  app.request = Object.create(request, withApp);
  app.response = Object.create(response, withApp);
  (app as unknown as Application).init();
  return app;
}

/**
 * express/lib/application, with `qs` (required by express/lib/utils when it loads, called only by
 * the 'extended' query parser) standing in as an object whose functions load the real qs when
 * first called. The stand-in sits in Node's module cache only while Express loads: any other
 * `require('qs')` gets the real module. If Express's utils or qs is already loaded, or qs cannot be
 * found from Express's folder (an install layout this does not know), nothing stands in.
 */
function requireApplication(): Application {
  const utils = require.resolve('express/lib/utils');
  const qs = resolveFrom('qs', path.dirname(utils));
  if (qs === undefined || require.cache[utils] !== undefined || require.cache[qs] !== undefined) return require('express/lib/application');
  let loaded: Record<string, (...args: unknown[]) => unknown> | undefined;
  const real = () => (loaded ??= require(qs) as Record<string, (...args: unknown[]) => unknown>);
  const standIn = new Module(qs);
  standIn.filename = qs;
  standIn.loaded = true;
  standIn.exports = {
    parse: (...args: unknown[]) => real().parse(...args),
    stringify: (...args: unknown[]) => real().stringify(...args),
  };
  require.cache[qs] = standIn;
  try {
    return require('express/lib/application');
  } finally {
    if (require.cache[qs] === standIn) delete require.cache[qs];
  }
}

/** The file `request` resolves to from `dir`, or undefined when it cannot be found. */
function resolveFrom(request: string, dir: string): string | undefined {
  try {
    return require.resolve(request, { paths: [dir] });
  } catch {
    return undefined;
  }
}
