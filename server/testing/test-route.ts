/**
 * @module testRoute: one route handler, tested without starting anything yourself. It runs the
 * server's own request path (createApp's middleware and dispatcher: headers(), cookies(),
 * draftMode(), after(), redirect()/notFound(), Set-Cookie, automatic HEAD/OPTIONS/405, segment
 * config) on a real HTTP server on an ephemeral loopback port, and returns the Fetch Response the
 * client got:
 *   1. the route: a module (`await import('./app/api/items/[id]/route')`, its pattern read from
 *      `url` and `params`) or a route file's path (`'app/api/items/[id]/route.ts'`: loaded as the
 *      server loads it, params read from the url);
 *   2. an app with that one route, listening on 127.0.0.1:0 (unref'd, closed after this request);
 *   3. one request: `method`, `headers`, `cookies`, `body` (a string, bytes, FormData,
 *      URLSearchParams, a Blob, or any other value as JSON), `session: { user }` (a signed
 *      session cookie for `app.auth`, see signSession);
 *   4. -> the Response (status, headers, every Set-Cookie, the body as it arrives), plus
 *      `res.after`: resolves once the response is finished and its after() work has run.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAppFromRoutes, type CreateAppOptions } from '../app';
import type { Route } from '../loading/route';
import { routeForFile, routeForModule, type RouteParamsInput } from './route-for-module';
import { defaultProvider, type SessionUser, signSession } from './sign-session';

export interface TestRouteOptions {
  /** The request's path and query (`/api/items/1?x=y`) or a full URL (its host is sent as Host). Default: the pattern with `params` filled in, for a route file; '/' for a module. */
  url?: string;
  /** The route's params, as Next hands them (`{ id: '1' }`, `{ slug: ['a', 'b'] }`); read from the url when a route file's path is given. */
  params?: RouteParamsInput;
  method?: string;
  headers?: HeadersInit;
  /** Sent as one Cookie header (after any given in `headers`). */
  cookies?: Record<string, string>;
  /** string, bytes, FormData, URLSearchParams, Blob, ReadableStream; anything else is sent as JSON (content-type application/json unless set). */
  body?: unknown;
  /** createApp's options for the app the route runs in (logger, bodyLimit, cache, middleware, auth, ...). */
  app?: Partial<CreateAppOptions>;
  /**
   * A signed-in user: their session cookie is signed for `app.auth` (signSession) and sent. When
   * `app.auth` is not given, the app gets auth with the provider and secret `npm start` would use
   * (AUTH_PROVIDER, AUTH_SECRET), so `auth()` works. `null`: the same auth, no cookie.
   */
  session?: { user: SessionUser; maxAge?: number } | null;
}

export type TestResponse = Response & {
  /** Resolves once the response is finished and every after() callback it queued has settled. */
  after: Promise<void>;
};

type RouteModule = Record<string, unknown>;

export async function testRoute(target: RouteModule | string, options: TestRouteOptions = {}): Promise<TestResponse> {
  let route: Route;
  let routesDir: string;
  let url = options.url;
  if (typeof target === 'string') {
    ({ route, routesDir } = routeForFile(target));
    url ??= fillPattern(route.pattern, options.params ?? {});
  } else {
    url ??= '/';
    route = routeForModule(target, new URL(url, 'http://localhost').pathname, options.params ?? {});
    routesDir = process.cwd();
  }
  const auth = options.session === undefined ? options.app?.auth : (options.app?.auth ?? { provider: defaultProvider() });
  const app = createAppFromRoutes([route], { ...options.app, auth, routesDir: options.app?.routesDir ?? routesDir });
  const { method, headers, body } = await toRequestParts(url, options);
  if (options.session) {
    const signed = await signSession(options.session.user, { ...auth, maxAge: options.session.maxAge });
    headers.cookie = [headers.cookie, signed.cookie].filter(Boolean).join('; ');
  }

  const server = http.createServer(app);
  const finished = new Promise<void>((done) => server.once('request', (_req, res: http.ServerResponse) => res.once('close', () => setImmediate(done))));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  server.unref();
  const { port } = server.address() as AddressInfo;
  const target_ = new URL(url, `http://127.0.0.1:${port}`);

  try {
    const incoming = await new Promise<http.IncomingMessage>((done, fail) => {
      const request = http.request({ host: '127.0.0.1', port, method, path: target_.pathname + target_.search, headers, agent: false }, done);
      request.on('error', fail);
      request.end(body);
    });
    const response = toFetchResponse(incoming, method);
    const after = finished.then(() => app.locals.nextpress.pendingAfter());
    return Object.assign(response, { after });
  } finally {
    server.close(); // no new connections; this one ends with its response (Connection: close)
  }
}

/** '/api/items/[id]' + { id: '1' } -> '/api/items/1' (catch-alls joined with '/'; a missing optional one left out). */
function fillPattern(pattern: string, params: RouteParamsInput): string {
  const filled = pattern.replace(/\/\[\[?(?:\.\.\.)?(\w+)\]?\]/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) {
      if (whole.startsWith('/[[')) return '';
      throw new Error(
        `testRoute: the route '${pattern}' needs params.${name} or a url. Pass { url: '${pattern.replace(whole, '/...')}' } or { params: { ${name}: ... } }.`,
      );
    }
    return '/' + (Array.isArray(value) ? value : [value]).map(encodeURIComponent).join('/');
  });
  return filled === '' ? '/' : filled;
}

/** Method, headers (Host, Cookie, content-type, content-length) and body bytes of the one request. */
async function toRequestParts(
  url: string,
  options: TestRouteOptions,
): Promise<{ method: string; headers: Record<string, string | string[]>; body: Buffer | undefined }> {
  const method = (options.method ?? 'GET').toUpperCase();
  const given = new Headers(options.headers);
  let body: BodyInit | undefined;
  if (options.body !== undefined && options.body !== null) {
    const value = options.body;
    const raw =
      typeof value === 'string' ||
      value instanceof ArrayBuffer ||
      ArrayBuffer.isView(value) ||
      value instanceof FormData ||
      value instanceof URLSearchParams ||
      value instanceof Blob ||
      value instanceof ReadableStream;
    body = raw ? (value as BodyInit) : JSON.stringify(value);
    if (!raw && !given.has('content-type')) given.set('content-type', 'application/json');
  }
  // A Request encodes the body as fetch would (multipart boundary, urlencoded, a Blob's type).
  const encoded = new Request('http://localhost/', { method: 'POST', body, headers: given, duplex: 'half' } as RequestInit);
  const bytes = body === undefined ? undefined : Buffer.from(await encoded.arrayBuffer());
  const headers: Record<string, string | string[]> = {};
  encoded.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (options.cookies !== undefined) {
    const pairs = Object.entries(options.cookies).map(([name, value]) => `${name}=${value}`);
    headers.cookie = [headers.cookie, ...pairs].filter(Boolean).join('; ');
  }
  if (/^https?:\/\//.test(url) && !given.has('host')) headers.host = new URL(url).host;
  if (bytes !== undefined) headers['content-length'] = String(bytes.length);
  return { method, headers, body: bytes };
}

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * The client's view as a Fetch Response: status, statusText, each header (Set-Cookie separately),
 * the body chunk by chunk as it arrives. The socket is read to its end whether or not the test reads
 * the body (a test that checks only the status leaves no open connection behind); cancelling the
 * body (`await res.body?.cancel()`) closes the connection, for a stream that never ends.
 */
function toFetchResponse(incoming: http.IncomingMessage, method: string): Response {
  const headers = new Headers();
  for (let i = 0; i < incoming.rawHeaders.length; i += 2) headers.append(incoming.rawHeaders[i], incoming.rawHeaders[i + 1]);
  const status = incoming.statusCode ?? 0;
  const empty = NULL_BODY.has(status) || method === 'HEAD';
  if (empty) incoming.resume();
  let cancelled = false;
  const body = empty
    ? null
    : new ReadableStream<Uint8Array>({
        start(controller) {
          // After cancel() the stream is closed: what the socket still delivers (or its error) is dropped.
          incoming.on('data', (chunk: Buffer) => {
            if (!cancelled) controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          });
          incoming.on('end', () => {
            if (!cancelled) controller.close();
          });
          incoming.on('error', (error) => {
            if (!cancelled) controller.error(error);
          });
        },
        cancel() {
          cancelled = true;
          incoming.destroy();
        },
      });
  return new Response(body, { status, statusText: incoming.statusMessage, headers });
}
