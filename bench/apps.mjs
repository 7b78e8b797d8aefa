/**
 * @module The benchmark's apps, written at run time into a temp folder (never committed): the same
 * endpoints as Next-style route files (for nextpress), as a bare Express 5 app and as a Hono app
 * (the reference ceiling). Each route-file endpoint is written the two ways Next code is written:
 * with the platform's `Response` / `Response.json` (most code) and with `NextResponse`.
 *
 *   apps/base/routes     9 endpoints + 5 filler routes = 14 route files (the throughput runs)
 *   apps/cold5/routes    the 5 platform-Response endpoints alone (cold start)
 *   apps/scale/routes    1,000 static routes /r0 ... /r999, each the text handler (route scale, cold start)
 *   apps/<name>/express.cjs   the same endpoints for bare Express (1,000 `app.get` for scale)
 *   apps/<name>/hono.cjs      the same endpoints for Hono on @hono/node-server
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

export const TEXT = 'Hello, World!';

/** A fixed ~1 KB JSON document (served by GET /json, and the POST /echo body). */
export const JSON_DOC = {
  users: Array.from({ length: 8 }, (_, i) => ({
    id: 1000 + i,
    name: `User number ${i}`,
    email: `user${i}@example.com`,
    active: i % 2 === 0,
    roles: ['reader', i % 3 === 0 ? 'admin' : 'editor'],
  })),
  page: 1,
  total: 8,
};
export const JSON_TEXT = JSON.stringify(JSON_DOC);

export const STREAM_CHUNKS = 10;
export const CHUNK_BYTES = 1024;
export const SCALE_ROUTES = 1000;

/** What each endpoint is asked and must answer (checked before any load is applied). */
export const ENDPOINTS = {
  text: { app: 'base', path: '/text', method: 'GET', expect: TEXT, label: 'GET text (Response)' },
  'text-next': { app: 'base', path: '/text-next', method: 'GET', expect: TEXT, label: 'GET text (NextResponse)' },
  json: { app: 'base', path: '/json', method: 'GET', expect: JSON_TEXT, label: 'GET 1 KB JSON (Response.json)' },
  'json-next': { app: 'base', path: '/json-next', method: 'GET', expect: JSON_TEXT, label: 'GET 1 KB JSON (NextResponse.json)' },
  param: { app: 'base', path: '/api/users/42', method: 'GET', expect: '{"id":"42"}', label: 'GET /api/users/[id] (Response.json)' },
  'param-next': { app: 'base', path: '/api/next-users/42', method: 'GET', expect: '{"id":"42"}', label: 'GET /api/next-users/[id] (NextResponse.json)' },
  echo: { app: 'base', path: '/echo', method: 'POST', body: JSON_TEXT, expect: JSON_TEXT, label: 'POST 1 KB JSON echo (Response.json)' },
  'echo-next': { app: 'base', path: '/echo-next', method: 'POST', body: JSON_TEXT, expect: JSON_TEXT, label: 'POST 1 KB JSON echo (NextResponse.json)' },
  stream: { app: 'base', path: '/stream', method: 'GET', expect: 'x'.repeat(CHUNK_BYTES * STREAM_CHUNKS), label: 'GET stream 10 x 1 KB' },
  scale: { app: 'scale', path: `/r${SCALE_ROUTES - 1}`, method: 'GET', expect: TEXT, label: `GET text, ${SCALE_ROUTES} routes (last)` },
};

// --- route files (exactly what a Next.js app would contain) --------------------------------------

const TEXT_ROUTE = `export function GET() {
  return new Response(${JSON.stringify(TEXT)}, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
`;

/** The five endpoints written with the platform's Response (as most Next code is). */
const ROUTES = {
  'text/route.ts': TEXT_ROUTE,
  'json/route.ts': `const doc = ${JSON_TEXT};

export function GET() {
  return Response.json(doc);
}
`,
  'api/users/[id]/route.ts': `export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return Response.json({ id });
}
`,
  'echo/route.ts': `export async function POST(request: Request) {
  const body = await request.json();
  return Response.json(body);
}
`,
  'stream/route.ts': `const chunk = new TextEncoder().encode('x'.repeat(${CHUNK_BYTES}));

export function GET() {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < ${STREAM_CHUNKS}; i++) controller.enqueue(chunk);
      controller.close();
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
`,
};

/** The same endpoints written with NextResponse (next/server). */
const NEXT_ROUTES = {
  'text-next/route.ts': `import { NextResponse } from 'next/server';

export function GET() {
  return new NextResponse(${JSON.stringify(TEXT)}, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
`,
  'json-next/route.ts': `import { NextResponse } from 'next/server';

const doc = ${JSON_TEXT};

export function GET() {
  return NextResponse.json(doc);
}
`,
  'api/next-users/[id]/route.ts': `import { NextResponse, type NextRequest } from 'next/server';

export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return NextResponse.json({ id });
}
`,
  'echo-next/route.ts': `import { NextResponse, type NextRequest } from 'next/server';

export async function POST(request: NextRequest) {
  const body = await request.json();
  return NextResponse.json(body);
}
`,
};

// --- the bare Express 5 equivalents --------------------------------------------------------------

function expressApp(body) {
  return `'use strict';
// Bare Express 5 with its defaults (etag, x-powered-by), as an app is usually written.
const express = require(${JSON.stringify(require.resolve('express'))});
const app = express();
${body}
app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0)); // exit normally, so --cpu-prof can write its profile
`;
}

const EXPRESS_ENDPOINTS = `
const doc = ${JSON_TEXT};
const chunk = Buffer.from('x'.repeat(${CHUNK_BYTES}));
for (const path of ['/text', '/text-next']) {
  app.get(path, (req, res) => {
    res.send(${JSON.stringify(TEXT)});
  });
}
for (const path of ['/json', '/json-next']) {
  app.get(path, (req, res) => {
    res.json(doc);
  });
}
for (const path of ['/api/users/:id', '/api/next-users/:id']) {
  app.get(path, (req, res) => {
    res.json({ id: req.params.id });
  });
}
for (const path of ['/echo', '/echo-next']) {
  app.post(path, express.json(), (req, res) => {
    res.json(req.body);
  });
}
app.get('/stream', (req, res) => {
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  for (let i = 0; i < ${STREAM_CHUNKS}; i++) res.write(chunk);
  res.end();
});
`;

// --- Hono on @hono/node-server (the reference ceiling; a dev dependency of the bench only) -------

function honoApp(body) {
  return `'use strict';
// Hono 4 on @hono/node-server, written as its docs show.
const { Hono } = require(${JSON.stringify(require.resolve('hono'))});
const { serve } = require(${JSON.stringify(require.resolve('@hono/node-server'))});
const app = new Hono();
${body}
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
process.on('SIGTERM', () => process.exit(0));
`;
}

const HONO_ENDPOINTS = `
const doc = ${JSON_TEXT};
const chunk = new TextEncoder().encode('x'.repeat(${CHUNK_BYTES}));
for (const path of ['/text', '/text-next']) app.get(path, (c) => c.text(${JSON.stringify(TEXT)}));
for (const path of ['/json', '/json-next']) app.get(path, (c) => c.json(doc));
for (const path of ['/api/users/:id', '/api/next-users/:id']) app.get(path, (c) => c.json({ id: c.req.param('id') }));
for (const path of ['/echo', '/echo-next']) app.post(path, async (c) => c.json(await c.req.json()));
app.get('/stream', () => {
  const stream = new ReadableStream({
    start(controller) {
      for (let i = 0; i < ${STREAM_CHUNKS}; i++) controller.enqueue(chunk);
      controller.close();
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
});
`;

const FILLERS = ['about', 'health-check', 'api/status', 'api/version', 'legal/terms'];

/** Writes every app under `dir`; returns { base, cold5, scale } -> { routes, express } paths. */
export function writeApps(dir) {
  const apps = {};
  const write = (name, routes, expressBody, honoBody) => {
    const root = join(dir, name);
    for (const [file, source] of Object.entries(routes)) {
      const full = join(root, 'routes', file);
      mkdirSync(join(full, '..'), { recursive: true });
      writeFileSync(full, source);
    }
    writeFileSync(join(root, 'express.cjs'), expressApp(expressBody));
    writeFileSync(join(root, 'hono.cjs'), honoApp(honoBody));
    apps[name] = { routes: join(root, 'routes'), express: join(root, 'express.cjs'), hono: join(root, 'hono.cjs'), count: Object.keys(routes).length };
  };

  const fillers = Object.fromEntries(FILLERS.map((path) => [`${path}/route.ts`, TEXT_ROUTE]));
  const fillerExpress = FILLERS.map((path) => `app.get('/${path}', (req, res) => { res.send(${JSON.stringify(TEXT)}); });`).join('\n');
  const fillerHono = FILLERS.map((path) => `app.get('/${path}', (c) => c.text(${JSON.stringify(TEXT)}));`).join('\n');
  write('base', { ...ROUTES, ...NEXT_ROUTES, ...fillers }, EXPRESS_ENDPOINTS + fillerExpress, HONO_ENDPOINTS + fillerHono);
  write('cold5', ROUTES, EXPRESS_ENDPOINTS, HONO_ENDPOINTS);

  const scale = {};
  for (let i = 0; i < SCALE_ROUTES; i++) scale[`r${i}/route.ts`] = TEXT_ROUTE;
  write(
    'scale',
    scale,
    `for (let i = 0; i < ${SCALE_ROUTES}; i++) {
  app.get('/r' + i, (req, res) => {
    res.send(${JSON.stringify(TEXT)});
  });
}`,
    `for (let i = 0; i < ${SCALE_ROUTES}; i++) app.get('/r' + i, (c) => c.text(${JSON.stringify(TEXT)}));`,
  );
  return apps;
}
