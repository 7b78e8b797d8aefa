import { describe, expect, test } from '@jest/globals';
import express from 'express';
import type { Server } from 'node:http';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { createLogger } from '../../server/logging/logger';
import { requestIdOf, requestLogger } from '../../server/logging/request-logger';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Line {
  level: number;
  msg: string;
  request: { id: string; method: string; path: string; status: number; ms: number; aborted?: boolean };
}

function setup(logLevel: 'info' | 'warn' | 'debug' = 'info') {
  const lines: Line[] = [];
  const logger = createLogger({ nodeEnv: 'production', logLevel }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const app = express();
  app.use(requestLogger(logger));
  app.get('/users/:id', (_req, res) => {
    // The header is already set when the handler runs.
    res.json({ seen: res.getHeader('x-request-id') ?? null, locals: requestIdOf(res) ?? null });
  });
  app.get('/missing', (_req, res) => {
    res.status(404).end();
  });
  return { app, lines };
}

/** The line arrives on `close`, which can trail the client seeing the response by a tick. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

describe('requestLogger', () => {
  test('one line per request: method, path without query, status, duration, id', async () => {
    const { app, lines } = setup();
    const response = await supertest(app).get('/users/42?token=s3cr3t&tab=1').set('authorization', 'Bearer s3cr3t');
    await settle();
    expect(response.status).toBe(200);
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line.level).toBe(30);
    expect(line.request).toEqual({ id: response.headers['x-request-id'], method: 'GET', path: '/users/42', status: 200, ms: expect.any(Number) });
    expect(line.request.ms).toBeGreaterThanOrEqual(0);
    expect(line.msg).toMatch(/^GET \/users\/42 200 \d+(\.\d)?ms$/);
    expect(JSON.stringify(lines)).not.toContain('s3cr3t');
  });

  test('logs the status the route set', async () => {
    const { app, lines } = setup();
    await supertest(app).get('/missing').expect(404);
    await supertest(app).get('/nowhere').expect(404);
    await settle();
    expect(lines.map((line) => [line.request.path, line.request.status])).toEqual([
      ['/missing', 404],
      ['/nowhere', 404],
    ]);
  });

  test('a generated id is a UUID, set before the handler runs and echoed', async () => {
    const { app } = setup();
    const response = await supertest(app).get('/users/1').expect(200);
    const id = response.headers['x-request-id'];
    expect(id).toMatch(UUID);
    expect(response.body).toEqual({ seen: id, locals: id });
  });

  test.each([
    ['abc-123', true],
    ['req_1.2:3-x', true],
    ['a'.repeat(128), true],
    ['a'.repeat(129), false],
    ['has space', false],
    ['semi;colon', false],
    ['slash/es', false],
    ['<script>', false],
    ['', false],
  ])('client id %j accepted: %s', async (given, accepted) => {
    const { app, lines } = setup();
    const response = await supertest(app).get('/users/1').set('x-request-id', given).expect(200);
    await settle();
    const id = response.headers['x-request-id'];
    if (accepted) expect(id).toBe(given);
    else expect(id).toMatch(UUID);
    expect(lines[0].request.id).toBe(id);
    expect(response.body.seen).toBe(id);
  });

  test('two client ids (a joined header) are refused', async () => {
    const { app } = setup();
    const response = await new Promise<{ id: string | string[] | undefined }>((resolve, reject) => {
      const server: Server = app.listen(0, () => {
        const { port } = server.address() as AddressInfo;
        const req = httpRequest({ port, path: '/users/1', headers: { 'x-request-id': ['one', 'two'] } }, (res) => {
          res.resume();
          res.on('end', () => server.close(() => resolve({ id: res.headers['x-request-id'] })));
        });
        req.on('error', reject);
        req.end();
      });
    });
    expect(response.id).toMatch(UUID);
  });

  test('a client that leaves mid-response gives one line marked aborted', async () => {
    const lines: Line[] = [];
    const logger = createLogger({ nodeEnv: 'production', logLevel: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const app = express();
    app.use(requestLogger(logger));
    let closed!: () => void;
    const done = new Promise<void>((resolve) => (closed = resolve));
    app.get('/stream', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first chunk\n');
      res.on('close', () => setImmediate(closed));
    });
    const server = app.listen(0);
    try {
      await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve) => {
        const req = httpRequest({ port, path: '/stream?x=1' }, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', () => undefined);
        req.end();
      });
      await done;
      expect(lines).toHaveLength(1);
      expect(lines[0].request).toMatchObject({ method: 'GET', path: '/stream', status: 200, aborted: true });
      expect(lines[0].msg).toMatch(/^GET \/stream 200 \d+(\.\d)?ms \(aborted\)$/);
    } finally {
      server.close();
    }
  });

  test('above info it is a no-op: no line and no header', async () => {
    const { app, lines } = setup('warn');
    const response = await supertest(app).get('/users/1').set('x-request-id', 'abc').expect(200);
    await settle();
    expect(lines).toEqual([]);
    expect(response.headers['x-request-id']).toBeUndefined();
    expect(response.body).toEqual({ seen: null, locals: null });
  });

  test('the no-op is one shared function whatever the logger', () => {
    const quiet = createLogger({ nodeEnv: 'production', logLevel: 'error' }, { write: () => undefined });
    const silent = createLogger({ nodeEnv: 'test', logLevel: 'silent' }, { write: () => undefined });
    expect(requestLogger(quiet)).toBe(requestLogger(silent));
    expect(requestLogger(createLogger({ nodeEnv: 'production', logLevel: 'debug' }, { write: () => undefined }))).not.toBe(requestLogger(silent));
  });
});
