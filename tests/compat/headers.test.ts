/**
 * next/headers without a server: headers(), cookies() and draftMode() in a request context, in
 * both eras' styles (awaited, and used directly), and Next's messages when misused.
 */
import { describe, expect, test } from '@jest/globals';
import { cookies, draftMode, headers } from 'next/headers';
import { previewModeId } from '../../server/next/preview-mode-id';
import { fakeRequest } from './with-request';

const OUTSIDE = (name: string) => `\`${name}\` was called outside a request scope. Read more: https://nextjs.org/docs/messages/next-dynamic-api-wrong-context`;

describe('outside a request', () => {
  test.each([
    ['headers', () => headers()],
    ['cookies', () => cookies()],
    ['draftMode', () => draftMode()],
  ])("%s() throws Next's message", (name, call) => {
    expect(call).toThrow(OUTSIDE(name));
  });
});

describe('headers()', () => {
  const request = fakeRequest({ accept: 'text/plain', 'x-a': '1', cookie: 'k=v' });

  test('is usable directly (13/14) and awaited (15/16), and is the same object each call', async () => {
    await request.run(async () => {
      expect(headers().get('accept')).toBe('text/plain');
      expect(headers().has('x-a')).toBe(true);
      expect((await headers()).get('x-a')).toBe('1');
      expect(await headers()).toBeInstanceOf(Headers);
      expect(headers()).toBe(headers());
      expect(headers()).toBeInstanceOf(Promise);
    });
  });

  test('iterates as [name, value] both ways (next-auth v4 passes it to Object.fromEntries)', async () => {
    await request.run(async () => {
      const expected = { accept: 'text/plain', cookie: 'k=v', 'x-a': '1' };
      expect(Object.fromEntries(await headers())).toEqual(expected);
      expect(Object.fromEntries(headers())).toEqual(expected);
      expect([...headers().keys()]).toEqual(['accept', 'cookie', 'x-a']);
      const seen: string[] = [];
      headers().forEach((value, name) => {
        seen.push(`${name}=${value}`);
      });
      expect(seen).toEqual(['accept=text/plain', 'cookie=k=v', 'x-a=1']);
    });
  });

  test.each(['set', 'append', 'delete'] as const)('%s() throws ReadonlyHeadersError, sync and awaited', async (method) => {
    await request.run(async () => {
      const message = 'Headers cannot be modified. Read more: https://nextjs.org/docs/app/api-reference/functions/headers';
      const call = (target: Headers) => (target[method] as (a: string, b: string) => void)('x-a', '2');
      expect(() => call(headers())).toThrow(message);
      const awaited = await headers();
      expect(() => call(awaited)).toThrow(message);
      expect(headers().get('x-a')).toBe('1');
    });
  });

  test('marks the request dynamic', () => {
    const fresh = fakeRequest();
    fresh.run(() => headers());
    expect(fresh.store.dynamicUsage).toBe('headers()');
  });
});

describe('cookies()', () => {
  test("reads the request cookies both ways, with Next's shape", async () => {
    const request = fakeRequest({ cookie: 'theme=dark; session=a%20b' });
    await request.run(async () => {
      expect(cookies().get('theme')).toEqual({ name: 'theme', value: 'dark', path: '/' });
      expect((await cookies()).get('session')?.value).toBe('a b');
      expect((await cookies()).getAll().map(({ name, value }) => ({ name, value }))).toEqual([
        { name: 'theme', value: 'dark' },
        { name: 'session', value: 'a b' },
      ]);
      expect(cookies().has('theme')).toBe(true);
      expect(cookies().has('nope')).toBe(false);
      expect(cookies().size).toBe(2);
      expect([...cookies()].map(([name]) => name)).toEqual(['theme', 'session']);
    });
    expect(request.store.responseCookies?.toSetCookieHeaders()).toEqual([]);
  });

  test('set and delete become Set-Cookie values, and reads see them', async () => {
    const request = fakeRequest({ cookie: 'old=1; keep=2' });
    await request.run(async () => {
      const jar = await cookies();
      jar.set('theme', 'light', { httpOnly: true, sameSite: 'lax' });
      cookies().delete('old');
      jar.set({ name: 'token', value: 'a;b', secure: true, path: '/api' });
      expect(jar.get('theme')?.value).toBe('light');
      expect(cookies().get('old')).toEqual({ name: 'old', value: '', path: '/', expires: new Date(0) });
      expect(
        cookies()
          .getAll()
          .map((c) => c.name),
      ).toEqual(['old', 'keep', 'theme', 'token']);
    });
    expect(request.store.responseCookies?.toSetCookieHeaders()).toEqual([
      'old=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
      'theme=light; Path=/; HttpOnly; SameSite=lax',
      'token=a%3Bb; Path=/api; Secure',
    ]);
  });

  test('set() chains and returns the cookies object, as in Next', () => {
    const request = fakeRequest();
    request.run(() => {
      const jar = cookies();
      expect(jar.set('a', '1').set('b', '2')).toBe(jar.set('c', '3'));
    });
    expect(request.store.responseCookies?.toSetCookieHeaders()).toEqual(['a=1; Path=/', 'b=2; Path=/', 'c=3; Path=/']);
  });

  test('the same name written twice is sent once, with the last value, where it was first written', () => {
    const request = fakeRequest();
    request.run(() => {
      cookies().set('a', '1').set('b', '2').set('a', '3');
    });
    expect(request.store.responseCookies?.toSetCookieHeaders()).toEqual(['a=3; Path=/', 'b=2; Path=/']);
  });

  test("Next 16's `revalidate` option is accepted and never serialised", () => {
    const request = fakeRequest();
    request.run(() => {
      cookies().set('a', '1', { revalidate: false } as never);
      cookies().delete({ name: 'b', revalidate: false } as never);
    });
    expect(request.store.responseCookies?.toSetCookieHeaders()).toEqual(['a=1; Path=/', 'b=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT']);
  });

  test('writes once the response is out throw ReadonlyRequestCookiesError; reads still work', () => {
    const request = fakeRequest({ cookie: 'a=1' });
    request.res.headersSent = true;
    request.run(() => {
      const message =
        'Cookies can only be modified in a Server Action or Route Handler. Read more: https://nextjs.org/docs/app/api-reference/functions/cookies#options';
      expect(() => cookies().set('a', '2')).toThrow(message);
      expect(() => cookies().delete('a')).toThrow(message);
      expect(cookies().get('a')?.value).toBe('1');
    });
  });

  test("a jar already on the request (another feature's) keeps its cookies, first", () => {
    const request = fakeRequest();
    request.store.responseCookies = { toSetCookieHeaders: () => ['first=1'] };
    request.run(() => cookies().set('second', '2'));
    expect(request.store.responseCookies.toSetCookieHeaders()).toEqual(['first=1', 'second=2; Path=/']);
  });
});

describe('draftMode()', () => {
  const id = previewModeId();
  const bypass = `__prerender_bypass=${id}; Path=/; Secure; HttpOnly; SameSite=none`;
  const expired = 'Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=none';

  test.each([
    ['no cookie', false, {}],
    ['the right cookie', true, { cookie: `__prerender_bypass=${id}` }],
    ['a wrong value', false, { cookie: '__prerender_bypass=guess' }],
    ['an empty value', false, { cookie: '__prerender_bypass=' }],
  ])('isEnabled with %s -> %s, sync and awaited', async (_name, enabled, requestHeaders) => {
    await fakeRequest(requestHeaders).run(async () => {
      expect(draftMode().isEnabled).toBe(enabled);
      expect((await draftMode()).isEnabled).toBe(enabled);
    });
  });

  test('enable() sets the bypass cookie; isEnabled describes the request, as in Next', async () => {
    const request = fakeRequest();
    await request.run(async () => {
      (await draftMode()).enable();
      expect(draftMode().isEnabled).toBe(false);
      expect(cookies().get('__prerender_bypass')?.value).toBe(id);
    });
    expect(request.store.responseCookies?.toSetCookieHeaders()).toEqual([bypass]);
    expect(request.store.dynamicUsage).toBe('draftMode().enable()');
  });

  test("disable() expires only __prerender_bypass, as Next does (not the Pages router's __next_preview_data)", () => {
    const request = fakeRequest({ cookie: `__prerender_bypass=${id}` });
    request.run(() => draftMode().disable());
    expect(request.store.responseCookies?.toSetCookieHeaders()).toEqual([`__prerender_bypass=; ${expired}`]);
  });

  test('in development the cookie is SameSite=lax and not Secure, as with `next dev`', () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
    try {
      const request = fakeRequest();
      request.run(() => draftMode().enable());
      expect(request.store.responseCookies?.toSetCookieHeaders()).toEqual([`__prerender_bypass=${id}; Path=/; HttpOnly; SameSite=lax`]);
    } finally {
      process.env.NODE_ENV = before;
    }
  });

  test.each(['enable', 'disable'] as const)("%s() once the response is out throws Next's after() message", (method) => {
    const request = fakeRequest({ cookie: `__prerender_bypass=${id}` });
    request.res.headersSent = true;
    request.run(() => {
      expect(() => draftMode()[method]()).toThrow(
        `Route api/x/route.ts used "draftMode().${method}()" inside \`after()\`. The enabled status of \`draftMode()\` can be read inside \`after()\` but you cannot enable or disable \`draftMode()\`. See more info here: https://nextjs.org/docs/app/api-reference/functions/after`,
      );
      expect(draftMode().isEnabled).toBe(true);
    });
  });
});
