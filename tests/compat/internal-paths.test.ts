/**
 * Imports from Next's internal `next/dist/...` paths that route files commonly use resolve to
 * nextpress's own modules (the same instances as `next/navigation` and `next/server`).
 */
import { expect, test } from '@jest/globals';
import path from 'node:path';
import request from 'supertest';
import { createApp } from 'nextpress';

test('next/dist/client/components/redirect and spec-extension/request|response resolve', async () => {
  const app = createApp({ routesDir: path.join(__dirname, '../fixtures/compat-internal') });
  const res = await request(app).get('/redirect-check');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/json');
  expect(res.body).toEqual({ isRedirect: true, isNextRequest: true });
});
