/**
 * `process.env.X = ...` in a test reaches route files loaded by the engine (jiti) under jest:
 *   createApp + supertest, and testRoute with a route file's path, both see the test's value,
 *   set before the request (route files read process.env when their code runs).
 */
import { afterEach, expect, test } from '@jest/globals';
import path from 'node:path';
import request from 'supertest';
import { createApp } from 'nextpress';
import { testRoute } from 'nextpress/testing';

const APP = path.join(__dirname, '..', 'fixtures', 'testing-app', 'app');

afterEach(() => {
  delete process.env.NEXTPRESS_TEST_GREETING;
});

test('createApp + supertest: a variable set in the test, before the request', async () => {
  const app = createApp({ routesDir: APP });
  process.env.NEXTPRESS_TEST_GREETING = 'hello from the test';
  const res = await request(app).get('/api/env');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ greeting: 'hello from the test' });
});

test('testRoute with a route file: set, then changed between requests', async () => {
  const file = path.join(APP, 'api', 'env', 'route.ts');
  process.env.NEXTPRESS_TEST_GREETING = 'first';
  expect(await (await testRoute(file)).json()).toEqual({ greeting: 'first' });
  process.env.NEXTPRESS_TEST_GREETING = 'second';
  expect(await (await testRoute(file)).json()).toEqual({ greeting: 'second' });
});
