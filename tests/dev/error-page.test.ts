/**
 * Development's readable 500 over real HTTP: a handler's error answers JSON (or HTML for a browser)
 * with the message, the route file and a code frame of the throwing line of the user's TypeScript;
 * every value is escaped in HTML; the log holds the error once, without Node's or Express's frames;
 * and production's 500 stays empty.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../server/app';
import { recordingLogger } from '../helpers/serve';

const BOOM = `interface Item {
  id: string;
}

export async function GET(): Promise<Response> {
  const item: Item = { id: 'x' };
  if (item) {
    throw new Error('boom <script>alert(1)</script>');
  }
  return Response.json(item);
}
`;
const DEEP = `import { explode } from '../../../lib/explode';

export function GET() {
  return explode();
}
`;
const EXPLODE = `export function explode(): never {
  throw new TypeError("helper <b>broke</b> & stopped");
}
`;
const BROKEN = `export function GET() {
  const a = ;
  return Response.json({ a });
}
`;

let project: string;

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'nextpress-dev-errors-'));
  const files: Record<string, string> = {
    'app/api/boom/route.ts': BOOM,
    'app/api/deep/route.ts': DEEP,
    'app/api/broken/route.ts': BROKEN,
    'lib/explode.ts': EXPLODE,
    'package.json': '{ "name": "dev-errors-app", "private": true }\n',
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    writeFileSync(path.join(project, file), text);
  }
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

const BOOM_FRAME = [
  "   6 |   const item: Item = { id: 'x' };",
  '   7 |   if (item) {',
  ">  8 |     throw new Error('boom <script>alert(1)</script>');",
  '     |           ^',
  '   9 |   }',
  '  10 |   return Response.json(item);',
].join('\n');

describe('development: a readable 500', () => {
  test('JSON for accept: application/json: message, route file, place and code frame of the TypeScript source', async () => {
    const { logger } = recordingLogger();
    const app = createApp({ dir: project, dev: true, logger });
    const res = await request(app).get('/api/boom').set('accept', 'application/json');
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      error: 'boom <script>alert(1)</script>',
      name: 'Error',
      route: 'api/boom/route.ts',
      file: 'app/api/boom/route.ts',
      line: 8,
      column: 11,
      codeFrame: BOOM_FRAME,
      stack: ['GET (app/api/boom/route.ts:8:11)'],
    });
  });

  test('a client that accepts anything, or only text, gets JSON too', async () => {
    const app = createApp({ dir: project, dev: true, logger: recordingLogger().logger });
    for (const accept of ['*/*', 'text/plain']) {
      const res = await request(app).get('/api/boom').set('accept', accept);
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.body.error).toBe('boom <script>alert(1)</script>');
    }
  });

  test("an error thrown in an imported helper points at the helper's line; the route is the one requested", async () => {
    const app = createApp({ dir: project, dev: true, logger: recordingLogger().logger });
    const res = await request(app).get('/api/deep').set('accept', 'application/json');
    expect(res.status).toBe(500);
    const { stack, ...rest } = res.body;
    expect(rest).toEqual({
      error: 'helper <b>broke</b> & stopped',
      name: 'TypeError',
      route: 'api/deep/route.ts',
      file: 'lib/explode.ts',
      line: 2,
      column: 9,
      codeFrame: [
        '  1 | export function explode(): never {',
        '> 2 |   throw new TypeError("helper <b>broke</b> & stopped");',
        '    |         ^',
        '  3 | }',
        '  4 |',
      ].join('\n'),
    });
    // Lines are the source's; a column after an imported name is jiti's (it rewrites `explode()` to `(0, _explode.explode)()`).
    expect(stack).toEqual(['explode (lib/explode.ts:2:9)', expect.stringMatching(/^GET \(app\/api\/deep\/route\.ts:4:\d+\)$/)]);
  });

  test('HTML for a browser, every value escaped (no markup from the message or the source gets through)', async () => {
    const app = createApp({ dir: project, dev: true, logger: recordingLogger().logger });
    const res = await request(app).get('/api/boom').set('accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8');
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
    expect(res.text).not.toContain('<script>');
    expect(res.text).toContain('<title>500: boom &lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(res.text).toContain('<h1>Error: boom &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(res.text).toContain('<p>Route file: <code>api/boom/route.ts</code></p>');
    expect(res.text).toContain('<p>Thrown at: <code>app/api/boom/route.ts:8:11</code></p>');
    expect(res.text).toContain(
      `<pre class="frame">${BOOM_FRAME.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll("'", '&#39;')}</pre>`,
    );
  });

  test('a route file that does not parse: the load error, its place and the code frame', async () => {
    const app = createApp({ dir: project, dev: true, logger: recordingLogger().logger });
    const res = await request(app).get('/api/broken').set('accept', 'application/json');
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ name: 'NextpressError', route: 'api/broken/route.ts', file: 'app/api/broken/route.ts', line: 2, column: 12 });
    expect(res.body.error).toMatch(/^Failed to load route file 'api\/broken\/route\.ts'/);
    expect(res.body.codeFrame).toContain('> 2 |   const a = ;');
  });

  test("in a project with a tsconfig (the message names the place relative, 'app/...:2:12'): the place still comes from the parse error", async () => {
    const withConfig = mkdtempSync(path.join(tmpdir(), 'nextpress-dev-errors-ts-'));
    try {
      mkdirSync(path.join(withConfig, 'app', 'api', 'broken'), { recursive: true });
      writeFileSync(path.join(withConfig, 'app', 'api', 'broken', 'route.ts'), BROKEN);
      writeFileSync(path.join(withConfig, 'tsconfig.json'), '{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }\n');
      const app = createApp({ dir: withConfig, dev: true, logger: recordingLogger().logger });
      const res = await request(app).get('/api/broken').set('accept', 'application/json');
      expect(res.body.error).toBe(
        "Failed to load route file 'api/broken/route.ts': a syntax error at 'app/api/broken/route.ts:2:12': Unexpected token. Fix the code there. The file is loaded again on the next request.",
      );
      expect(res.body).toMatchObject({ file: 'app/api/broken/route.ts', line: 2, column: 12 });
      expect(res.body.codeFrame).toContain('> 2 |   const a = ;');
    } finally {
      rmSync(withConfig, { recursive: true, force: true });
    }
  });

  test('the log holds the error once, its stack without Node, Express or engine frames', async () => {
    const { lines, logger } = recordingLogger();
    const app = createApp({ dir: project, dev: true, logger });
    await request(app).get('/api/boom').expect(500);
    const errors = lines.filter((line) => line.level === 'error');
    expect(errors.map((line) => line.msg)).toEqual(["Error in route handler 'api/boom/route.ts'"]);
    const err = errors[0].obj.err as Error;
    expect(err.message).toBe('boom <script>alert(1)</script>');
    expect(err.stack).toBe('Error: boom <script>alert(1)</script>\n    at GET (app/api/boom/route.ts:8:11)');
  });

  test("an error from the app's own middleware (Express's error handler): the readable 500, no route file", async () => {
    const fail = (_req: unknown, _res: unknown, next: (error: unknown) => void) => next(new Error('middleware <failed>'));
    const app = createApp({ dir: project, dev: true, logger: recordingLogger().logger, middleware: [fail] });
    const res = await request(app).get('/api/boom').set('accept', 'application/json');
    expect(res.status).toBe(500);
    // The middleware is this test file, outside the project: named by its absolute path.
    expect(res.body).toMatchObject({ error: 'middleware <failed>', name: 'Error', file: __filename });
    expect(res.body.route).toBeUndefined();
    expect(res.body.stack[0]).toMatch(/^fail \(/);
  });
});

describe('production: the 500 stays empty', () => {
  test.each([
    ['dev: false', { dev: false }],
    ['the default under NODE_ENV=test', {}],
  ])('%s', async (_name, options) => {
    const { lines, logger } = recordingLogger();
    const app = createApp({ dir: project, logger, ...options });
    for (const accept of ['application/json', 'text/html']) {
      const res = await request(app).get('/api/boom').set('accept', accept);
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toBeUndefined();
      expect(res.text).toBe('');
    }
    const err = lines.find((line) => line.level === 'error')?.obj.err as Error;
    expect(err.stack).toContain(path.join(project, 'app/api/boom/route.ts:8:11')); // the original error, untouched
  });
});
