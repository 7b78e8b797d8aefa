/**
 * testRoute (nextpress/testing): one route handler through the server's own request path.
 *   module + url + params        -> the Response the server sends (request-time APIs, Set-Cookie, after())
 *   a route file's path + url    -> params read from the url, the file loaded as the server loads it
 *   control flow                 -> notFound() 404, redirect() 307 + Location
 *   automatic methods            -> HEAD (no body), OPTIONS 204 + Allow, 405 + Allow
 *   Next 13/14 and 15/16 shapes  -> sync params and headers(), Promise params
 *   segment config               -> revalidate = 60 answers as Next's cache does
 *   a streamed body              -> read chunk by chunk as the handler writes it
 *   mistakes                     -> errors naming the problem and the fix
 */
import { describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { testRoute } from 'nextpress/testing';

const APP = path.join(__dirname, '..', 'fixtures', 'testing-app', 'app');
const ITEMS = path.join(APP, 'api', 'items', '[id]', 'route.ts');

describe('a module, with url and params', () => {
  test('GET: params, headers(), cookies(), draftMode(), the query', async () => {
    const res = await testRoute(await import('../fixtures/testing-app/app/api/items/[id]/route'), {
      url: '/api/items/1?q=blue',
      params: { id: '1' },
      headers: { 'x-agent': 'jest' },
      cookies: { session: 'abc' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ id: '1', agent: 'jest', session: 'abc', draft: false, q: 'blue' });
  });

  test('POST with a JSON body: 201, cookies().set as Set-Cookie, after() awaited through res.after', async () => {
    const mod = await import('../fixtures/testing-app/app/api/items/[id]/route');
    mod.log.length = 0;
    const res = await testRoute(mod, { url: '/api/items/7', params: { id: '7' }, method: 'POST', body: { name: 'lamp' } });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: '7', body: { name: 'lamp' } });
    expect(res.headers.getSetCookie()).toEqual(['last=7; Path=/; HttpOnly']);
    expect(mod.log).toEqual([]); // after() runs once the response is finished...
    await res.after;
    expect(mod.log).toEqual(['saved 7']); // ...and res.after waits for it
  });

  test('notFound() -> 404, redirect() -> 307 with Location', async () => {
    const mod = await import('../fixtures/testing-app/app/api/items/[id]/route');
    const missing = await testRoute(mod, { url: '/api/items/missing', params: { id: 'missing' } });
    expect(missing.status).toBe(404);
    const moved = await testRoute(mod, { url: '/api/items/old', params: { id: 'old' } });
    expect(moved.status).toBe(307);
    expect(moved.headers.get('location')).toBe('/api/items/new');
    expect(await moved.text()).toBe('');
  });

  test('automatic HEAD, OPTIONS and 405', async () => {
    const mod = await import('../fixtures/testing-app/app/api/items/[id]/route');
    const head = await testRoute(mod, { url: '/api/items/1', params: { id: '1' }, method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const options = await testRoute(mod, { url: '/api/items/1', params: { id: '1' }, method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
    const put = await testRoute(mod, { url: '/api/items/1', params: { id: '1' }, method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
  });

  test('Next 13/14: sync params and a sync headers()', async () => {
    const res = await testRoute(await import('../fixtures/testing-app/app/api/legacy/[id]/route'), {
      url: '/api/legacy/3',
      params: { id: '3' },
      headers: { 'x-agent': 'old' },
    });
    expect(await res.json()).toEqual({ id: '3', agent: 'old' });
  });

  test('a catch-all param', async () => {
    const res = await testRoute(await import('../fixtures/testing-app/app/api/docs/[...slug]/route'), { url: '/api/docs/a/b', params: { slug: ['a', 'b'] } });
    expect(await res.json()).toEqual({ slug: ['a', 'b'] });
  });

  test('a streamed body arrives chunk by chunk, before the handler has finished writing', async () => {
    let finish!: () => void;
    const last = new Promise<void>((resolve) => (finish = resolve));
    const res = await testRoute({
      GET: () =>
        new Response(
          new ReadableStream({
            async start(controller) {
              controller.enqueue(new TextEncoder().encode('first\n'));
              await last;
              controller.enqueue(new TextEncoder().encode('last\n'));
              controller.close();
            },
          }),
          { headers: { 'content-type': 'text/plain' } },
        ),
    });
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first\n'); // while the handler still waits
    finish();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('last\n');
    expect((await reader.read()).done).toBe(true);
  });

  test('a stream that never ends: cancelling the body at once closes the connection, and the handler’s stream is cancelled', async () => {
    let timer: NodeJS.Timeout | undefined;
    let cancelled = false;
    const res = await testRoute({
      GET: () =>
        new Response(
          new ReadableStream({
            start(controller) {
              timer = setInterval(() => controller.enqueue(new TextEncoder().encode('ping\n')), 20);
            },
            cancel() {
              clearInterval(timer);
              cancelled = true;
            },
          }),
        ),
    });
    expect(res.status).toBe(200);
    const uncaught: Error[] = [];
    const onUncaught = (error: Error) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      await res.body!.cancel(); // then the socket's last events: they used to throw "Invalid state: Controller is already closed"
      for (const deadline = Date.now() + 2000; !cancelled && Date.now() < deadline; ) await new Promise((wait) => setTimeout(wait, 10));
      await new Promise((wait) => setTimeout(wait, 100));
    } finally {
      process.off('uncaughtException', onUncaught);
      clearInterval(timer);
    }
    expect([cancelled, uncaught.map((error) => error.message)]).toEqual([true, []]);
  });

  test('a param whose value is not in the url: an error naming it and the fix', async () => {
    const mod = await import('../fixtures/testing-app/app/api/items/[id]/route');
    await expect(testRoute(mod, { url: '/api/items/1', params: { id: '2' } })).rejects.toThrow(
      `testRoute: params.id ("2") is not a segment of the url '/api/items/1', so the route's pattern cannot be told. Put the value in the url, or pass the route file's path`,
    );
  });
});

describe("a route file's path", () => {
  test('params are read from the url; the file is loaded as the server loads it', async () => {
    const res = await testRoute(ITEMS, { url: '/api/items/42', headers: { 'x-agent': 'file' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: '42', agent: 'file', session: null, draft: false, q: null });
  });

  test('no url: the pattern filled in from params', async () => {
    const res = await testRoute(path.join(APP, 'api', 'docs', '[...slug]', 'route.ts'), { params: { slug: ['x', 'y z'] } });
    expect(await res.json()).toEqual({ slug: ['x', 'y z'] });
  });

  test('segment config: revalidate = 60 is cached as Next caches it', async () => {
    const res = await testRoute(path.join(APP, 'api', 'cached', 'route.ts'));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-nextjs-cache')).toBe('MISS');
    expect(res.headers.get('cache-control')).toBe('s-maxage=60, stale-while-revalidate=31535940');
  });

  test('a path that is not a route file under app/: an error naming it and the fix', async () => {
    await expect(testRoute('lib/db.ts')).rejects.toThrow("testRoute: 'lib/db.ts' is not a route file inside an app/ folder (app/**/route.ts)");
  });

  test('a route file that does not exist: an error naming it', async () => {
    await expect(testRoute('app/api/nope/route.ts')).rejects.toThrow("testRoute: the route file 'app/api/nope/route.ts' does not exist (looked for ");
  });
});
