/**
 * requestWhere: an error line names its request by method, path (never the query) and request id,
 * and a route handler's error line carries the id its request line and answer carry.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Request } from 'express';
import supertest from 'supertest';
import { createApp } from 'nextpress';
import { createLogger } from '../../server/logging/logger';
import { requestLogger } from '../../server/logging/request-logger';
import { requestWhere } from '../../server/logging/request-where';

describe('requestWhere', () => {
  test.each<[Partial<Request>, string | undefined, object]>([
    [{ method: 'GET', originalUrl: '/boom?token=s3cret' }, 'abc', { method: 'GET', url: '/boom', requestId: 'abc' }],
    [{ method: 'POST', originalUrl: '/api/x' }, undefined, { method: 'POST', url: '/api/x' }],
    [{ method: 'GET', originalUrl: '/?a=1' }, undefined, { method: 'GET', url: '/' }],
  ])('%j (id %s) -> %j', (req, id, expected) => {
    const res = { getHeader: () => id };
    expect(requestWhere({ ...req, res } as unknown as Request)).toEqual(expected);
  });
});

const dir = mkdtempSync(path.join(tmpdir(), 'nextpress-where-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a handler’s error line: the path without its query, and the request id of its request line and answer', async () => {
  mkdirSync(path.join(dir, 'boom'));
  writeFileSync(path.join(dir, 'boom', 'route.ts'), "export function GET() { throw new Error('kaboom'); }\n");
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ nodeEnv: 'production', logLevel: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const app = createApp({ routesDir: dir, logger, before: [requestLogger(logger)] });
  const response = await supertest(app).get('/boom?token=s3cret');
  expect([response.status, response.text]).toEqual([500, '']);
  await new Promise((resolve) => setImmediate(resolve));
  const error = lines.find((line) => line.msg === "Error in route handler 'boom/route.ts'");
  expect(error).toMatchObject({ method: 'GET', url: '/boom', requestId: response.headers['x-request-id'] });
  expect(JSON.stringify(lines)).not.toContain('s3cret');
});
