import { describe, expect, test } from '@jest/globals';
import express from 'express';
import supertest from 'supertest';
import { healthRoutes } from '../../middleware/health';

function setup(livePath = '/healthz', readyPath = '/readyz') {
  const state = { ready: true };
  const app = express();
  app.use(healthRoutes({ livePath, readyPath, isReady: () => state.ready }));
  app.all('/{*rest}', (_req, res) => {
    res.status(418).send('route');
  });
  return { app, state };
}

const JSON_TYPE = 'application/json; charset=utf-8';

describe('healthRoutes', () => {
  test('GET live → 200 {"status":"ok"}, not cached', async () => {
    const response = await supertest(setup().app).get('/healthz');
    expect(response.status).toBe(200);
    expect(response.text).toBe('{"status":"ok"}');
    expect(response.headers['content-type']).toBe(JSON_TYPE);
    expect(response.headers['content-length']).toBe('15');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  test('live stays 200 while draining', async () => {
    const { app, state } = setup();
    state.ready = false;
    const response = await supertest(app).get('/healthz');
    expect(response.status).toBe(200);
    expect(response.text).toBe('{"status":"ok"}');
  });

  test('GET ready → 200 {"status":"ready"} when ready', async () => {
    const response = await supertest(setup().app).get('/readyz');
    expect(response.status).toBe(200);
    expect(response.text).toBe('{"status":"ready"}');
    expect(response.headers['content-type']).toBe(JSON_TYPE);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  test('GET ready → 503 {"status":"draining"} when not ready, read on every probe', async () => {
    const { app, state } = setup();
    state.ready = false;
    const draining = await supertest(app).get('/readyz');
    expect(draining.status).toBe(503);
    expect(draining.text).toBe('{"status":"draining"}');
    expect(draining.headers['content-type']).toBe(JSON_TYPE);
    expect(draining.headers['cache-control']).toBe('no-store');
    state.ready = true;
    expect((await supertest(app).get('/readyz')).status).toBe(200);
  });

  test.each([
    ['/healthz', true, 200, '15'],
    ['/readyz', true, 200, '18'],
    ['/readyz', false, 503, '21'],
  ])('HEAD %s (ready: %s) → %i with headers and no body', async (path, ready, status, length) => {
    const { app, state } = setup();
    state.ready = ready;
    const response = await supertest(app).head(path);
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe(JSON_TYPE);
    expect(response.headers['content-length']).toBe(length);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.text).toBeUndefined();
  });

  test.each(['post', 'put', 'delete', 'patch'] as const)('%s on a health path → 405 with Allow', async (method) => {
    const { app } = setup();
    for (const path of ['/healthz', '/readyz']) {
      const response = await supertest(app)[method](path);
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.text).toBe('');
    }
  });

  test('the query string does not matter', async () => {
    const response = await supertest(setup().app).get('/readyz?verbose=1');
    expect(response.status).toBe(200);
    expect(response.text).toBe('{"status":"ready"}');
  });

  test.each(['/', '/healthz/', '/healthz/extra', '/HEALTHZ', '/api/healthz', '/ready'])('%s passes through to the routes', async (path) => {
    const response = await supertest(setup().app).get(path);
    expect(response.status).toBe(418);
    expect(response.text).toBe('route');
  });

  test('custom paths', async () => {
    const { app, state } = setup('/_/live', '/_/ready');
    expect((await supertest(app).get('/_/live')).text).toBe('{"status":"ok"}');
    state.ready = false;
    expect((await supertest(app).get('/_/ready')).status).toBe(503);
    expect((await supertest(app).get('/healthz')).status).toBe(418);
  });
});
