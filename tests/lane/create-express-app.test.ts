/**
 * createExpressApp against express(): the same app, made without loading body-parser and
 * serve-static. If an Express release changes what express() builds, the first cases fail.
 */
import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { createExpressApp } from '../../server/lane/create-express-app';

const ROOT = path.resolve(__dirname, '..', '..');

describe('createExpressApp', () => {
  test('has the own properties express() gives an app, the same methods, and its own settings', () => {
    const ours = createExpressApp();
    const theirs = express();
    expect(Object.getOwnPropertyNames(ours).sort()).toEqual(Object.getOwnPropertyNames(theirs).sort());
    // Express's application methods (express.application), each the same function.
    for (const name of Object.getOwnPropertyNames(express.application)) {
      expect([name, Object.getOwnPropertyDescriptor(ours, name)]).toEqual([name, Object.getOwnPropertyDescriptor(express.application, name)]);
    }
    expect(ours.settings).toEqual(theirs.settings);
    expect(ours.settings).not.toBe(theirs.settings);
    expect(ours.locals.settings).toBe(ours.settings);
    expect(ours.name).toBe(theirs.name);
  });

  test('its request and response inherit express.request and express.response, and point back at the app', () => {
    const app = createExpressApp();
    expect(Object.getPrototypeOf(app.request)).toBe(express.request);
    expect(Object.getPrototypeOf(app.response)).toBe(express.response);
    expect(app.request.app).toBe(app);
    expect(app.response.app).toBe(app);
    expect(Object.getOwnPropertyDescriptor(app.request, 'app')).toEqual({ configurable: true, enumerable: true, writable: true, value: app });
  });

  test('serves as an Express app: routes, express.json() of yours, settings, error middleware', async () => {
    const app = createExpressApp();
    app.set('trust proxy', true);
    app.post('/echo', express.json(), (req, res) => {
      res.json({ body: req.body, ip: req.ip, app: req.app === app });
    });
    app.get('/boom', () => {
      throw new Error('boom');
    });
    app.use(((error, _req, res, _next) => {
      res.status(500).json({ error: (error as Error).message });
    }) as express.ErrorRequestHandler);
    const echo = await request(app).post('/echo').set('x-forwarded-for', '203.0.113.9').send({ a: 1 });
    expect([echo.status, echo.body]).toEqual([200, { body: { a: 1 }, ip: '203.0.113.9', app: true }]);
    const boom = await request(app).get('/boom');
    expect([boom.status, boom.body]).toEqual([500, { error: 'boom' }]);
    const missing = await request(app).get('/nothing');
    expect(missing.status).toBe(404);
  });

  test('loads neither body-parser nor serve-static (express() loads both)', () => {
    const loaded = (code: string) =>
      JSON.parse(
        execFileSync(
          process.execPath,
          [
            '-e',
            `${code}; console.log(JSON.stringify(['/body-parser/', '/serve-static/'].map((p) => Object.keys(require.cache).some((file) => file.includes(p)))))`,
          ],
          { cwd: ROOT, encoding: 'utf8' },
        ),
      ) as boolean[];
    expect(loaded("require('jiti').createJiti(process.cwd() + '/')('./server/lane/create-express-app.ts').createExpressApp()")).toEqual([false, false]);
    expect(loaded("require('express')()")).toEqual([true, true]);
  });

  test("loads qs only when the 'extended' query parser first runs; require('qs') is always the real one", () => {
    // In a child process: Jest's module registry is not Node's require.cache.
    const script = `
      const http = require('node:http');
      const loaded = () => Object.keys(require.cache).some((file) => file.includes('/node_modules/qs/'));
      const { createExpressApp } = require('jiti').createJiti(process.cwd() + '/', { interopDefault: false })('./server/lane/create-express-app.ts');
      const app = createExpressApp();
      const afterCreate = loaded();
      app.set('query parser', 'extended');
      app.get('/q', (req, res) => res.json(req.query));
      const server = app.listen(0, '127.0.0.1', () => {
        http.get({ host: '127.0.0.1', port: server.address().port, path: '/q?a[b]=1&c=2&c=3' }, (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => {
            server.close();
            const afterQuery = loaded();
            const qs = require('qs');
            console.log(JSON.stringify({ afterCreate, status: res.statusCode, body: JSON.parse(body), afterQuery, real: Object.keys(qs).sort(), parsed: qs.parse('x[y]=z') }));
          });
        });
      });`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }));
    expect(out).toEqual({
      afterCreate: false,
      status: 200,
      body: { a: { b: '1' }, c: ['2', '3'] },
      afterQuery: true,
      real: ['formats', 'parse', 'stringify'],
      parsed: { x: { y: 'z' } },
    });
    // The default parser ('simple', node:querystring) never needs it; express() itself loads it at once.
    const loadedBy = (code: string) =>
      execFileSync(process.execPath, ['-e', `${code}; console.log(Object.keys(require.cache).some((file) => file.includes('/node_modules/qs/')))`], {
        cwd: ROOT,
        encoding: 'utf8',
      }).trim();
    expect(loadedBy("require('express')()")).toBe('true');
  });
});
