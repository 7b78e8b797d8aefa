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
 */
import { EventEmitter } from 'node:events';
import type { Express } from 'express';

interface Application {
  init(): void;
}

export function createExpressApp(): Express {
  // Node's module cache makes these the very objects express() mixes in.
  const application: Application = require('express/lib/application');
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
