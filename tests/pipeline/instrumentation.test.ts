/**
 * instrumentation.ts at the project root: register() runs once before `ready` settles (so before
 * the CLI listens), and onRequestError is called with Next's arguments for a handler's error.
 */
import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createApp } from 'nextpress';
import { recordingLogger } from '../helpers/serve';

const fixture = path.join(__dirname, '..', 'fixtures', 'next-instrumented');

describe('instrumentation.ts', () => {
  test('register() has run once when ready settles; onRequestError gets the error, the request and the context', async () => {
    const app = createApp({ dir: fixture, logger: recordingLogger().logger });
    await app.locals.nextpress.ready;
    expect(app.locals.nextpress.projectFiles()).toEqual(['./instrumentation.ts']);
    const boom = await request(app).get('/api/boom?x=1');
    expect([boom.status, boom.text]).toEqual([500, '']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const seen = await request(app).get('/api/registered');
    expect(seen.body).toEqual({
      registered: 1,
      errors: [
        {
          message: 'boom in a handler',
          request: { path: '/api/boom?x=1', method: 'GET', host: true },
          context: { routerKind: 'App Router', routePath: '/api/boom/route', routeType: 'route' },
        },
      ],
    });
  });

  test('a register() that throws rejects ready, naming the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nextpress-instrumentation-'));
    mkdirSync(path.join(dir, 'app', 'ok'), { recursive: true });
    writeFileSync(path.join(dir, 'app', 'ok', 'route.ts'), 'export function GET() { return new Response("ok"); }\n');
    writeFileSync(path.join(dir, 'instrumentation.ts'), "export function register() { throw new Error('no collector'); }\n");
    const app = createApp({ dir, logger: recordingLogger().logger });
    try {
      await expect(app.locals.nextpress.ready).rejects.toThrow(
        "'./instrumentation.ts' failed: no collector. Fix its register() (or what it imports); the server does not start without it.",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
