/**
 * next/server additions without a server: userAgent(), after(), connection(), the draft-mode
 * cookie value, and NextResponse checked against Next's documented behaviour. (next/cache is the
 * response cache's, tested with it.)
 */
import { describe, expect, test } from '@jest/globals';
import { after, connection, NextResponse, unstable_after, userAgent, userAgentFromString } from 'next/server';
import { computePreviewModeId } from '../../server/next/preview-mode-id';
import { LightResponse, NativeResponse } from '../../server/next/light-response';
import { fakeRequest } from './with-request';

const CHROME_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

describe('userAgentFromString', () => {
  test.each([
    [
      'Chrome on macOS',
      CHROME_MAC,
      {
        isBot: false,
        ua: CHROME_MAC,
        browser: { name: 'Chrome', version: '120.0.0.0', major: '120' },
        device: { model: 'Macintosh', vendor: 'Apple' },
        engine: { name: 'Blink', version: '120.0.0.0' },
        os: { name: 'Mac OS', version: '10.15.7' },
        cpu: {},
      },
    ],
    [
      'Safari on an iPhone',
      SAFARI_IPHONE,
      {
        isBot: false,
        ua: SAFARI_IPHONE,
        browser: { name: 'Mobile Safari', version: '17.0', major: '17' },
        device: { model: 'iPhone', type: 'mobile', vendor: 'Apple' },
        engine: { name: 'WebKit', version: '605.1.15' },
        os: { name: 'iOS', version: '17.0' },
        cpu: {},
      },
    ],
    ['Googlebot', GOOGLEBOT, { isBot: true, ua: GOOGLEBOT, browser: {}, device: {}, engine: {}, os: {}, cpu: {} }],
    ['an empty string', '', { isBot: false, ua: '', browser: {}, device: {}, engine: {}, os: {}, cpu: {} }],
    ['undefined', undefined, { isBot: false, ua: '', browser: {}, device: {}, engine: {}, os: {}, cpu: {} }],
  ])('%s', (_name, input, expected) => {
    expect(userAgentFromString(input)).toEqual(expected);
  });

  test('the result is plain data (JSON round-trips to the same value)', () => {
    const parsed = userAgentFromString(SAFARI_IPHONE);
    expect(JSON.parse(JSON.stringify(parsed))).toEqual(parsed);
  });

  test('userAgent(request) reads the User-Agent header; a missing one is undefined', () => {
    expect(userAgent(new Request('http://a.test', { headers: { 'user-agent': GOOGLEBOT } })).isBot).toBe(true);
    expect(userAgent(new Request('http://a.test')).ua).toBe('');
  });
});

describe('after()', () => {
  test('queues callbacks on the request; the dispatcher runs them', async () => {
    const request = fakeRequest();
    const callback = () => 'done';
    request.run(() => {
      after(callback);
      unstable_after(callback);
    });
    expect(request.store.afterTasks).toEqual([callback, callback]);
  });

  test('a promise is awaited later; an early rejection is held, not unhandled, and reported by the task', async () => {
    const request = fakeRequest();
    request.run(() => {
      after(Promise.resolve('fine'));
      after(Promise.reject(new Error('late failure')));
    });
    await new Promise((resolve) => setImmediate(resolve)); // the rejection has happened by now
    const [ok, failing] = request.store.afterTasks!;
    await expect(ok()).resolves.toBeUndefined();
    await expect(failing()).rejects.toThrow('late failure');
  });

  test.each([
    ['a number', 42],
    ['null', null],
    ['an object', { then: 1 }],
  ])("refuses %s with Next's message", (_name, value) => {
    fakeRequest().run(() => {
      expect(() => after(value as never)).toThrow('`after()`: Argument must be a promise or a function');
    });
  });

  test("outside a request it throws Next's message", () => {
    expect(() => after(() => {})).toThrow(
      '`after` was called outside a request scope. Read more: https://nextjs.org/docs/messages/next-dynamic-api-wrong-context',
    );
  });
});

describe('connection()', () => {
  test('resolves and marks the request dynamic', async () => {
    const request = fakeRequest();
    await expect(request.run(() => connection())).resolves.toBeUndefined();
    expect(request.store.dynamicUsage).toBe('connection()');
  });

  test("outside a request it throws Next's message", () => {
    expect(() => connection()).toThrow('`connection` was called outside a request scope.');
  });
});

describe('the draft-mode cookie value', () => {
  test.each([
    ['__NEXT_PREVIEW_MODE_ID wins', { __NEXT_PREVIEW_MODE_ID: 'abc', AUTH_SECRET: 's' }, /^abc$/],
    ['derived from AUTH_SECRET', { AUTH_SECRET: 'a-secret' }, /^[0-9a-f]{32}$/],
    ['random without either', {}, /^[0-9a-f]{32}$/],
  ])('%s', (_name, env, pattern) => {
    expect(computePreviewModeId(env)).toMatch(pattern);
  });

  test('derived: the same for the same secret (every worker agrees), different for another, never the secret', () => {
    const a = computePreviewModeId({ AUTH_SECRET: 'a-secret' });
    expect(computePreviewModeId({ AUTH_SECRET: 'a-secret' })).toBe(a);
    expect(computePreviewModeId({ AUTH_SECRET: 'b-secret' })).not.toBe(a);
    expect(computePreviewModeId({})).not.toBe(computePreviewModeId({}));
  });
});

describe('NextResponse (as Next documents and tests it)', () => {
  const json = async (response: Response) => ({ status: response.status, type: response.headers.get('content-type'), body: await response.json() });

  test.each([
    [{ message: 'hello!' }, undefined, 200],
    [{ status: 'success' }, { status: 201 }, 201],
    [{ error: { code: 'bad_request' } }, { status: 400 }, 400],
    [null, undefined, 200],
    ['', undefined, 200],
  ])('json(%j, %j) -> %i application/json', async (body, init, status) => {
    expect(await json(NextResponse.json(body, init))).toEqual({ status, type: 'application/json', body });
  });

  test('json() keeps a content-type and headers given in init, and is a NextResponse and a Response', () => {
    const response = NextResponse.json({}, { headers: { 'content-type': 'application/problem+json', 'x-a': '1' } });
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('x-a')).toBe('1');
    expect(response).toBeInstanceOf(NextResponse);
    expect(response).toBeInstanceOf(Response);
  });

  test('json() of something JSON cannot hold throws TypeError, as Response.json does', () => {
    expect(() => NextResponse.json(undefined)).toThrow(TypeError);
  });

  test.each([
    [undefined, 307],
    [301, 301],
    [302, 302],
    [303, 303],
    [308, 308],
    [{ status: 308, headers: { 'x-a': '1' } }, 308],
  ])('redirect(url, %j) -> %i with an absolute Location', (init, status) => {
    const response = NextResponse.redirect('https://a.test/next', init as never);
    expect(response.status).toBe(status);
    expect(response.headers.get('location')).toBe('https://a.test/next');
    expect(response.body).toBeNull();
  });

  test("redirect() refuses a non-redirect status and a relative URL with Next's messages", () => {
    expect(() => NextResponse.redirect('https://a.test', 200)).toThrow(new RangeError('Failed to execute "redirect" on "response": Invalid status code'));
    expect(() => NextResponse.redirect('/relative')).toThrow(
      'URL is malformed "/relative". Please use only absolute URLs - https://nextjs.org/docs/messages/middleware-relative-urls',
    );
  });

  test('cookies on a response become Set-Cookie headers', () => {
    const response = NextResponse.json({});
    response.cookies.set('a', '1', { httpOnly: true }).set('b', '2');
    response.cookies.delete('c');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/', 'c=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT']);
    expect(response.cookies.get('a')?.value).toBe('1');
  });

  test('next() and rewrite() carry the headers Next uses to mark them (the dispatcher refuses both)', () => {
    expect(NextResponse.next().headers.get('x-middleware-next')).toBe('1');
    expect(NextResponse.rewrite('https://a.test/x').headers.get('x-middleware-rewrite')).toBe('https://a.test/x');
  });
});

describe('NextResponse string bodies behave as the platform Response (kept as a string until read)', () => {
  /** What a caller can observe of a response: status, headers, and how its body reads. */
  async function observe(make: () => Response, read: (response: Response) => Promise<unknown>) {
    let response: Response;
    try {
      response = make();
    } catch (error) {
      return { threw: `${(error as Error).constructor.name}: ${(error as Error).message}` };
    }
    const before = response.bodyUsed;
    let outcome: unknown;
    try {
      outcome = await read(response);
    } catch (error) {
      outcome = `${(error as Error).constructor.name}: ${(error as Error).message}`;
    }
    const { status, statusText, ok, type, url, redirected } = response;
    return { status, statusText, ok, type, url, redirected, headers: [...response.headers], before, after: response.bodyUsed, outcome };
  }
  const streamText = async (response: Response) => {
    const reader = response.body!.getReader();
    let text = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += new TextDecoder().decode(chunk.value);
    return text;
  };

  test.each<[string, BodyInit, ResponseInit | undefined, (response: Response) => Promise<unknown>]>([
    ['text()', 'hello', undefined, (r) => r.text()],
    ['json()', '{"a":[1,2]}', { headers: { 'content-type': 'application/json' } }, (r) => r.json()],
    ['arrayBuffer()', 'héllo', undefined, async (r) => [...new Uint8Array(await r.arrayBuffer())]],
    ['bytes()', 'bytes', undefined, async (r) => [...(await r.bytes())]],
    [
      'blob()',
      'blob',
      { headers: { 'content-type': 'text/csv' } },
      async (r) => {
        const blob = await r.blob();
        return [blob.type, await blob.text()];
      },
    ],
    ['formData()', 'a=1&b=two', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }, async (r) => [...(await r.formData())]],
    ['body stream', 'streamed', { status: 201, statusText: 'Made' }, streamText],
    ['text() twice', 'once', undefined, async (r) => [await r.text(), await r.text()]],
    ['json() of invalid JSON', 'not json', undefined, (r) => r.json()],
    ['clone() then both read', 'twice', undefined, async (r) => [await r.clone().text(), await r.text()]],
    [
      'clone() after a read',
      'used',
      undefined,
      async (r) => {
        await r.text();
        return r.clone();
      },
    ],
    ['a 204 with a body', 'nope', { status: 204 }, (r) => r.text()],
    ['an empty string', '', undefined, (r) => r.text()],
    ['no body, a 204', null as unknown as BodyInit, { status: 204 }, (r) => r.text()],
    ['no body, no init', undefined as unknown as BodyInit, undefined, async (r) => [r.body, await r.text()]],
    ['a status of 600', 'x', { status: 600 }, (r) => r.text()],
    ['a status of 199', 'x', { status: 199 }, (r) => r.text()],
    ['a status given as a string', 'x', { status: '201' as unknown as number }, (r) => r.text()],
    ['a statusText', 'x', { status: 404, statusText: 'Gone Fishing' }, (r) => r.text()],
    ['an invalid header name', 'x', { headers: { 'a b': '1' } }, (r) => r.text()],
    ['an invalid header value', 'x', { headers: { a: 'x\u0000y' } }, (r) => r.text()],
    [
      'headers as pairs, with two Set-Cookie',
      'x',
      {
        headers: [
          ['set-cookie', 'a=1'],
          ['set-cookie', 'b=2'],
          ['x-a', '1'],
        ],
      },
      async (r) => [r.headers.getSetCookie(), await r.text()],
    ],
    [
      'headers changed after it was made, then read',
      'x',
      { headers: { 'x-a': '1' } },
      async (r) => {
        r.headers.set('x-b', '2');
        r.headers.delete('x-a');
        return [[...r.headers], await r.text()];
      },
    ],
    [
      'headers first read after it was made (none given)',
      'x',
      undefined,
      async (r) => {
        r.headers.append('x-late', 'yes');
        return [[...r.headers], await r.clone().text(), await r.text()];
      },
    ],
    ['bytes', new TextEncoder().encode('bytes') as BodyInit, { status: 202 }, (r) => r.text()],
  ])('%s', async (_name, body, init, read) => {
    const platform = await observe(() => new NativeResponse(body, init), read);
    const next = await observe(() => new NextResponse(body, init), read);
    const light = await observe(() => new LightResponse(body, init), read);
    expect(next).toEqual(platform);
    expect(light).toEqual(platform);
  });

  /** A fresh stream of 'a', 'b' for each response (a stream is read once). */
  const ab = () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('a'));
        controller.enqueue(new TextEncoder().encode('b'));
        controller.close();
      },
    });
  test.each<[string, ResponseInit | undefined, (response: Response) => Promise<unknown>]>([
    ['a stream, text()', { status: 201, headers: { 'content-type': 'text/csv' } }, (r) => r.text()],
    [
      'a stream, body is the stream given',
      undefined,
      async (r) => [r.body instanceof ReadableStream, r.headers.get('content-type'), await new Response(r.body).text()],
    ],
    [
      'a stream read through body, then text()',
      undefined,
      async (r) => {
        const reader = r.body!.getReader();
        await reader.read();
        reader.releaseLock();
        return [r.bodyUsed, await r.text().catch((e: Error) => e.message)];
      },
    ],
    [
      'a stream locked through body, then clone()',
      undefined,
      async (r) => {
        r.body!.getReader();
        try {
          r.clone();
          return 'cloned';
        } catch (error) {
          return `${(error as Error).constructor.name}`;
        }
      },
    ],
    ['a stream, clone() then both read', undefined, async (r) => [await r.clone().text(), await r.text(), r.bodyUsed]],
    ['a stream on a 204', { status: 204 }, (r) => r.text()],
  ])('%s', async (_name, init, read) => {
    const platform = await observe(() => new NativeResponse(ab(), init), read);
    const next = await observe(() => new NextResponse(ab(), init), read);
    const light = await observe(() => new LightResponse(ab(), init), read);
    expect(next).toEqual(platform);
    expect(light).toEqual(platform);
  });

  test.each<[string, unknown, ResponseInit | undefined]>([
    ['no init', { a: [1, 2] }, undefined],
    ['a status and a header', { ok: true }, { status: 201, headers: { 'x-a': '1' } }],
    ['its own content-type', 'text', { headers: { 'content-type': 'application/vnd.x+json' } }],
    ['a 204', {}, { status: 204 }],
    ['a statusText', { a: 1 }, { status: 400, statusText: 'Bad' }],
    ['headers as a Headers', [1, 'two'], { headers: new Headers({ 'x-a': '1' }) }],
    ['a value JSON cannot hold', undefined, undefined],
  ])('LightResponse.json with %s reads as the platform Response.json', async (_name, data, init) => {
    const read = async (r: Response) => r.text();
    const platform = await observe(() => NativeResponse.json(data, init), read);
    expect(await observe(() => LightResponse.json(data, init), read)).toEqual(platform);
    expect(await observe(() => NextResponse.json(data, init), read)).toEqual(platform);
  });

  test("the platform's statics and inspect output hold for LightResponse", () => {
    const redirect = (LightResponse as unknown as typeof Response).redirect('https://a.test/x', 307);
    expect([redirect.status, redirect.headers.get('location')]).toEqual([307, 'https://a.test/x']);
    expect((LightResponse as unknown as typeof Response).error().type).toBe('error');
    const { inspect } = require('node:util') as typeof import('node:util');
    expect(inspect(new LightResponse('hi', { status: 201 }))).toBe(inspect(new NativeResponse('hi', { status: 201 })));
    expect(Object.prototype.toString.call(new LightResponse('hi'))).toBe('[object Response]');
  });

  test('instanceof: platform Responses are LightResponses; LightResponses and NextResponses are platform Responses', () => {
    expect(new NativeResponse('x') instanceof LightResponse).toBe(true);
    expect(new LightResponse('x') instanceof NativeResponse).toBe(true);
    expect(new NextResponse('x') instanceof LightResponse).toBe(true);
    expect(new NativeResponse('x') instanceof NextResponse).toBe(false);
    expect(new LightResponse('x') instanceof NextResponse).toBe(false);
  });

  test('a read body is what the platform holds: the writer sends its stream, not the string', async () => {
    const response = NextResponse.json({ a: 1 });
    expect(response.bodyUsed).toBe(false);
    expect(await response.clone().json()).toEqual({ a: 1 });
    expect(response.body).toBeInstanceOf(ReadableStream);
    expect(await response.json()).toEqual({ a: 1 });
    expect(response.bodyUsed).toBe(true);
  });
});
