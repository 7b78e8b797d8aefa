/**
 * chain(): several middleware as one Express layer, with each handler keeping Express's contract.
 */
import { describe, expect, test } from '@jest/globals';
import express, { type RequestHandler } from 'express';
import request from 'supertest';
import { chain } from '../../server/chain';

/** An app whose only route-level layer is `chain(handlers)`, then a 404 and an error handler that name what reached them. */
function appWith(handlers: RequestHandler[]) {
  const app = express();
  app.use(chain(handlers));
  app.use((_req, res) => {
    res.status(404).json({ reached: 'after', trail: res.locals.trail ?? [] });
  });
  app.use(((error, _req, res, _next) => {
    res.status(500).json({ reached: 'error', message: error.message, trail: res.locals.trail ?? [] });
  }) as express.ErrorRequestHandler);
  return app;
}

const mark =
  (name: string): RequestHandler =>
  (_req, res, next) => {
    (res.locals.trail ??= []).push(name);
    next();
  };

describe('chain', () => {
  test('runs every handler in order, then leaves for the next layer', async () => {
    const res = await request(appWith([mark('a'), mark('b'), mark('c')])).get('/');
    expect(res.body).toEqual({ reached: 'after', trail: ['a', 'b', 'c'] });
  });

  test('a handler that answers ends the chain', async () => {
    const answer: RequestHandler = (_req, res) => {
      res.json({ answered: res.locals.trail });
    };
    const res = await request(appWith([mark('a'), answer, mark('never')])).get('/');
    expect(res.body).toEqual({ answered: ['a'] });
  });

  test('next() called later (after a promise) goes on from there', async () => {
    const later: RequestHandler = (_req, _res, next) => {
      setTimeout(() => next(), 5);
    };
    const res = await request(appWith([mark('a'), later, mark('b')])).get('/');
    expect(res.body).toEqual({ reached: 'after', trail: ['a', 'b'] });
  });

  test("next('route') goes on, as for any app.use layer", async () => {
    const skip: RequestHandler = (_req, _res, next) => next('route');
    const res = await request(appWith([skip, mark('b')])).get('/');
    expect(res.body).toEqual({ reached: 'after', trail: ['b'] });
  });

  test.each([
    ['next(error)', ((_req, _res, next) => next(new Error('passed on'))) as RequestHandler, 'passed on'],
    [
      'a synchronous throw',
      (() => {
        throw new Error('thrown');
      }) as RequestHandler,
      'thrown',
    ],
    ['a rejected promise', (async () => Promise.reject(new Error('rejected'))) as RequestHandler, 'rejected'],
  ])('%s skips the rest and reaches the error handler', async (_name, failing, message) => {
    const res = await request(appWith([mark('a'), failing, mark('never')])).get('/');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ reached: 'error', message, trail: ['a'] });
  });

  test("next('router') leaves the router (Express's final handler answers 404)", async () => {
    const leave: RequestHandler = (_req, _res, next) => next('router');
    const res = await request(appWith([leave, mark('never')])).get('/');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Cannot GET /');
  });

  /** chain(handlers) then a layer that counts how often it is reached (and with what). */
  async function reachedAfter(handlers: RequestHandler[]): Promise<string[]> {
    const reached: string[] = [];
    const app = express();
    app.use(chain(handlers));
    app.use((_req, res, next) => {
      reached.push('next layer');
      if (!res.headersSent) res.json({ ok: true });
      next('router');
    });
    app.use(((error, _req, _res, _next) => {
      reached.push(`error: ${error.message}`);
    }) as express.ErrorRequestHandler);
    await request(app).get('/');
    await new Promise((resolve) => setTimeout(resolve, 20));
    return reached;
  }

  test('a handler that calls next() twice moves the chain on once (the rest runs once, in order)', async () => {
    const twice: RequestHandler = (_req, _res, next) => {
      next();
      next();
    };
    const slow: RequestHandler = (_req, res, next) => {
      setTimeout(() => {
        (res.locals.trail ??= []).push('slow');
        next();
      }, 10);
    };
    const res = await request(appWith([twice, slow, mark('c')])).get('/');
    expect(res.body).toEqual({ reached: 'after', trail: ['slow', 'c'] });
  });

  test('a handler that calls next() and then rejects does not also reach the error handler', async () => {
    const late: RequestHandler = async (_req, _res, next) => {
      next();
      throw new Error('after next');
    };
    expect(await reachedAfter([mark('a'), late])).toEqual(['next layer']);
  });

  test('one handler is returned as it is; none just goes on', async () => {
    const only = mark('only');
    expect(chain([only])).toBe(only);
    const res = await request(appWith([])).get('/');
    expect(res.body).toEqual({ reached: 'after', trail: [] });
  });
});
