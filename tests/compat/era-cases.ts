/**
 * @module The compatibility cases: one table of HTTP exchanges with the fixture apps
 * tests/fixtures/compat-13 (sync style) and compat-15 (async style). The same route in either
 * style must give the same answer, so one expectation serves both. eras.test.ts runs the table
 * in-process (createApp), production-build.test.ts against the compiled CLI.
 */
import { expect } from '@jest/globals';

export type Era = '13' | '15';

export interface Client {
  /** fetch against the app, redirects not followed. */
  get(path: string, init?: RequestInit): Promise<Response>;
  /** Error lines the server has logged so far: the line's message and the logged error's message. */
  loggedErrors(): Array<{ msg: string; error: string | undefined }>;
  /** The value draftMode().enable() puts in the bypass cookie. */
  draftId: string;
}

export interface EraCase {
  name: string;
  eras: Era[];
  run(client: Client, era: Era): Promise<void>;
}

const BOTH: Era[] = ['13', '15'];
const ASYNC_ONLY: Era[] = ['15'];

const CHROME_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const EXPIRED = 'Expires=Thu, 01 Jan 1970 00:00:00 GMT';
const OUTSIDE = (name: string) => `\`${name}\` was called outside a request scope. Read more: https://nextjs.org/docs/messages/next-dynamic-api-wrong-context`;

/** Status, the headers that matter, Set-Cookie as a list, and the body text. */
async function answer(response: Response, headerNames: string[] = []) {
  const headers: Record<string, string | null> = {};
  for (const name of headerNames) headers[name] = response.headers.get(name);
  return { status: response.status, headers, cookies: response.headers.getSetCookie(), body: await response.text() };
}

/** Retries `check` until it passes or `ms` have gone by (after() work finishes after the response). */
export async function eventually(check: () => Promise<void>, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

async function afterEntries(client: Client, route: string): Promise<unknown[]> {
  const entries = (await (await client.get('/after/log')).json()) as Array<{ route: string }>;
  return entries.filter((entry) => entry.route === route);
}

export const ERA_CASES: EraCase[] = [
  // next/headers: headers()
  {
    name: "headers(): read, Object.fromEntries, x-forwarded-proto, and mutation throws Next's error",
    eras: BOTH,
    async run(client) {
      expect(await answer(await client.get('/headers', { headers: { 'x-custom': 'hello' } }), ['content-type'])).toEqual({
        status: 200,
        headers: { 'content-type': 'application/json' },
        cookies: [],
        body: JSON.stringify({
          custom: 'hello',
          missing: null,
          hasCustom: true,
          forwardedProto: 'http',
          fromEntries: 'hello',
          mutation: 'Headers cannot be modified. Read more: https://nextjs.org/docs/app/api-reference/functions/headers',
        }),
      });
    },
  },
  // next/headers: cookies()
  {
    name: 'cookies(): reads the request cookies',
    eras: BOTH,
    async run(client) {
      expect(await answer(await client.get('/cookies', { headers: { cookie: 'theme=light; other=1' } }))).toEqual({
        status: 200,
        headers: {},
        cookies: [],
        body: JSON.stringify({ theme: 'light', names: ['theme', 'other'], hasTheme: true }),
      });
      expect(JSON.parse((await answer(await client.get('/cookies'))).body)).toEqual({ theme: null, names: [], hasTheme: false });
    },
  },
  {
    name: 'cookies(): set and delete become Set-Cookie (request cookies first, as in Next); reads see the writes',
    eras: BOTH,
    async run(client) {
      expect(await answer(await client.get('/cookies', { method: 'POST', headers: { cookie: 'old=1' } }))).toEqual({
        status: 200,
        headers: {},
        cookies: [`old=; Path=/; ${EXPIRED}`, 'theme=dark; Path=/; HttpOnly; SameSite=lax', 'token=a%20b; Path=/api; Secure'],
        body: JSON.stringify({ readBack: 'dark', deleted: '' }),
      });
    },
  },
  {
    name: 'cookies(): a cookie the Response sets itself wins over cookies().set of the same name, as in Next',
    eras: BOTH,
    async run(client) {
      expect((await client.get('/response-cookies')).headers.getSetCookie()).toEqual(['shared=from-response; Path=/', 'only-cookies=1; Path=/']);
    },
  },
  {
    name: 'cookies(): writes join the Set-Cookie headers of a plain Response',
    eras: BOTH,
    async run(client) {
      expect(await answer(await client.get('/response-cookies', { method: 'POST' }), ['content-type'])).toEqual({
        status: 200,
        headers: { 'content-type': 'text/plain' },
        cookies: ['own-1=a; Path=/', 'own-2=b; Path=/', 'added=yes; Path=/'],
        body: 'plain',
      });
    },
  },
  // next/headers: draftMode()
  {
    name: 'draftMode(): enable() sets the bypass cookie, which makes isEnabled true; disable() expires it',
    eras: BOTH,
    async run(client) {
      const enabled = await answer(await client.get('/draft'));
      expect(enabled).toEqual({
        status: 200,
        headers: {},
        cookies: [`__prerender_bypass=${client.draftId}; Path=/; Secure; HttpOnly; SameSite=none`],
        body: 'Draft mode is enabled',
      });
      const cookie = enabled.cookies[0].split(';')[0];
      expect(await (await client.get('/draft/status', { headers: { cookie } })).json()).toEqual({ isEnabled: true });
      expect(await (await client.get('/draft/status', { headers: { cookie: '__prerender_bypass=forged' } })).json()).toEqual({ isEnabled: false });
      expect(await (await client.get('/draft/status')).json()).toEqual({ isEnabled: false });
      expect(await answer(await client.get('/draft', { method: 'DELETE', headers: { cookie } }))).toEqual({
        status: 200,
        headers: {},
        // Only the bypass cookie, as Next's draftMode().disable() (not __next_preview_data).
        cookies: [`__prerender_bypass=; Path=/; ${EXPIRED}; Secure; HttpOnly; SameSite=none`],
        body: 'Draft mode is disabled',
      });
    },
  },
  {
    name: "next/headers outside a request (module scope) throws Next's message",
    eras: BOTH,
    async run(client) {
      expect(await (await client.get('/outside')).json()).toEqual({ errors: [OUTSIDE('headers'), OUTSIDE('cookies')] });
    },
  },
  // params
  {
    name: 'params: a single segment, decoded',
    eras: BOTH,
    async run(client) {
      expect(await (await client.get('/users/42')).json()).toEqual({ id: '42' });
      expect(await (await client.get('/users/caf%C3%A9')).json()).toEqual({ id: 'café' });
    },
  },
  {
    name: 'params: a catch-all is an array',
    eras: BOTH,
    async run(client) {
      expect(await (await client.get('/docs/a/b/c')).json()).toEqual({ slug: ['a', 'b', 'c'] });
    },
  },
  // next/navigation
  {
    name: 'redirect() after cookies().set: 307, Location, the cookie kept, empty body',
    eras: BOTH,
    async run(client) {
      expect(await answer(await client.get('/redirect'), ['location', 'content-type'])).toEqual({
        status: 307,
        headers: { location: '/done', 'content-type': null },
        cookies: ['flash=saved; Path=/'],
        body: '',
      });
    },
  },
  {
    name: 'permanentRedirect() -> 308; redirect() to an absolute URL -> 307',
    eras: BOTH,
    async run(client) {
      expect(await answer(await client.get('/navigation/permanent'), ['location'])).toEqual({
        status: 308,
        headers: { location: 'https://example.test/moved' },
        cookies: [],
        body: '',
      });
      expect(await answer(await client.get('/navigation/external'), ['location'])).toEqual({
        status: 307,
        headers: { location: 'https://example.test/elsewhere?from=nextpress' },
        cookies: [],
        body: '',
      });
    },
  },
  {
    name: 'notFound() -> 404 with an empty body',
    eras: BOTH,
    async run(client) {
      expect(await answer(await client.get('/navigation/not-found'), ['content-type'])).toEqual({
        status: 404,
        headers: { 'content-type': null },
        cookies: [],
        body: '',
      });
    },
  },
  {
    name: 'forbidden() -> 403 and unauthorized() -> 401, empty bodies',
    eras: ASYNC_ONLY,
    async run(client) {
      for (const [kind, status] of [
        ['forbidden', 403],
        ['unauthorized', 401],
      ] as const) {
        expect(await answer(await client.get(`/navigation/${kind}`), ['content-type'])).toEqual({
          status,
          headers: { 'content-type': null },
          cookies: [],
          body: '',
        });
      }
    },
  },
  {
    name: "Next 13/14's NEXT_NOT_FOUND digest -> 404",
    eras: ['13'],
    async run(client) {
      expect(await answer(await client.get('/legacy-not-found'))).toEqual({ status: 404, headers: {}, cookies: [], body: '' });
    },
  },
  {
    name: 'try/catch around redirect(): isRedirectError + rethrow redirects; swallowing it is an ordinary error',
    eras: BOTH,
    async run(client) {
      expect(await answer(await client.get('/try-catch?style=rethrow'), ['location'])).toEqual({
        status: 307,
        headers: { location: '/saved' },
        cookies: [],
        body: '',
      });
      expect(await (await client.get('/try-catch')).json()).toEqual({ caught: 'NEXT_REDIRECT' });
    },
  },
  {
    name: 'try/catch around redirect(): unstable_rethrow lets it through',
    eras: ASYNC_ONLY,
    async run(client) {
      expect(await answer(await client.get('/try-catch?style=unstable_rethrow'), ['location'])).toEqual({
        status: 307,
        headers: { location: '/saved' },
        cookies: [],
        body: '',
      });
    },
  },
  // next/server
  {
    name: 'NextResponse.json with status and headers; NextResponse.redirect 307 and 308',
    eras: BOTH,
    async run(client) {
      expect(await answer(await client.get('/next-response/json'), ['content-type', 'x-extra'])).toEqual({
        status: 201,
        headers: { 'content-type': 'application/json', 'x-extra': '1' },
        cookies: [],
        body: '{"created":true}',
      });
      expect(await answer(await client.get('/next-response/redirect'), ['location'])).toEqual({
        status: 307,
        headers: { location: 'https://example.test/target' },
        cookies: [],
        body: '',
      });
      expect((await client.get('/next-response/redirect-308')).status).toBe(308);
    },
  },
  {
    name: "NextResponse.next(), .rewrite() and a relative .redirect() answer an empty 500 and log Next's message",
    eras: BOTH,
    async run(client) {
      for (const kind of ['next', 'rewrite', 'relative-redirect']) {
        expect(await answer(await client.get(`/next-response/${kind}`))).toEqual({ status: 500, headers: {}, cookies: [], body: '' });
      }
      // A separate process's log lines may land a moment after the response.
      await eventually(async () => {
        const logged = client.loggedErrors();
        expect(logged).toContainEqual(
          expect.objectContaining({
            msg: 'NextResponse.next() was used in a app route handler, this is not supported. See here for more info: https://nextjs.org/docs/messages/next-response-next-in-app-route-handler',
          }),
        );
        expect(logged).toContainEqual(
          expect.objectContaining({
            msg: 'NextResponse.rewrite() was used in a app route handler, this is not currently supported. Please remove the invocation to continue.',
          }),
        );
        expect(logged).toContainEqual(
          expect.objectContaining({
            // pino appends the cause's message ("...: Invalid URL"); the console logger does not
            error: expect.stringContaining(
              'URL is malformed "/relative". Please use only absolute URLs - https://nextjs.org/docs/messages/middleware-relative-urls',
            ),
          }),
        );
      });
    },
  },
  {
    name: 'userAgent(request): browser, device, os and isBot',
    eras: BOTH,
    async run(client) {
      expect(await (await client.get('/user-agent', { headers: { 'user-agent': CHROME_MAC } })).json()).toEqual({
        isBot: false,
        browser: 'Chrome',
        device: 'desktop',
        os: 'Mac OS',
      });
      expect(await (await client.get('/user-agent', { headers: { 'user-agent': GOOGLEBOT } })).json()).toEqual({
        isBot: true,
        browser: null,
        device: 'desktop',
        os: null,
      });
    },
  },
  {
    name: 'connection() resolves in a route handler',
    eras: ASYNC_ONLY,
    async run(client) {
      expect(await (await client.get('/connection')).json()).toEqual({ random: 'number' });
    },
  },
  {
    name: 'what next-auth v4 does: Object.fromEntries(await headers()), (await cookies()).getAll()',
    eras: ASYNC_ONLY,
    async run(client) {
      expect(await (await client.get('/next-auth-style', { headers: { cookie: 'a=1; b=x%20y' } })).json()).toEqual({
        host: 'string',
        forwardedHost: true,
        cookies: { a: '1', b: 'x y' },
      });
    },
  },
  // after()
  {
    name: 'after(): runs once the response has been sent, inside the request (headers(), cookies())',
    eras: ASYNC_ONLY,
    async run(client) {
      const id = `gate-${Math.random()}`;
      const response = await client.get(`/after?id=${id}`, { headers: { 'x-trace': 'trace-1', cookie: 'session=s-1' } });
      expect(await answer(response)).toEqual({ status: 200, headers: {}, cookies: [], body: 'sent before after() ran' });
      // The callback is still waiting for the gate: the response did not wait for it.
      expect(await afterEntries(client, 'after')).not.toContainEqual(expect.objectContaining({ id }));
      expect((await client.get(`/after/release?id=${encodeURIComponent(id)}`)).status).toBe(204);
      await eventually(async () => {
        expect(await afterEntries(client, 'after')).toContainEqual({ route: 'after', id, trace: 'trace-1', session: 's-1' });
      });
    },
  },
  {
    name: 'after(): also runs when the handler throws (500) and when it redirects (307)',
    eras: ASYNC_ONLY,
    async run(client) {
      expect((await client.get('/after/throws', { headers: { 'x-trace': 'trace-2' } })).status).toBe(500);
      expect(await answer(await client.get('/after/redirect'), ['location'])).toEqual({
        status: 307,
        headers: { location: '/somewhere' },
        cookies: [],
        body: '',
      });
      await eventually(async () => {
        expect(await afterEntries(client, 'after/throws')).toEqual([{ route: 'after/throws', trace: 'trace-2' }]);
        expect(await afterEntries(client, 'after/redirect')).toEqual([{ route: 'after/redirect' }]);
      });
    },
  },
  {
    name: 'after(): a failing callback or rejected promise is logged, never sent',
    eras: ASYNC_ONLY,
    async run(client) {
      expect(await answer(await client.get('/after/fails'))).toEqual({ status: 200, headers: {}, cookies: [], body: 'the response is unaffected' });
      expect(await answer(await client.get('/after/promise'))).toEqual({ status: 200, headers: {}, cookies: [], body: 'promises handed to after()' });
      await eventually(async () => {
        expect(await afterEntries(client, 'after/promise')).toEqual([{ route: 'after/promise' }]);
        expect(client.loggedErrors()).toContainEqual({ msg: "Error in after() callback of 'after/fails/route.ts'", error: 'after() callback failed' });
        expect(client.loggedErrors()).toContainEqual({
          msg: "Error in after() callback of 'after/promise/route.ts'",
          error: 'a promise passed to after() rejected',
        });
      });
    },
  },
  {
    name: 'after(): one called inside an after() callback runs too, still inside the request',
    eras: ASYNC_ONLY,
    async run(client) {
      expect(await answer(await client.get('/after/nested', { headers: { 'x-trace': 'trace-nested' } }))).toEqual({
        status: 200,
        headers: {},
        cookies: [],
        body: 'nested after()',
      });
      await eventually(async () => {
        expect(await afterEntries(client, 'after/nested')).toEqual([
          { route: 'after/nested', depth: 1 },
          { route: 'after/nested', depth: 2, trace: 'trace-nested' },
        ]);
      });
    },
  },
  {
    name: 'after(): cookies() is readable inside it, but writing one throws (the response is out)',
    eras: ASYNC_ONLY,
    async run(client) {
      expect((await client.get('/after/late-cookie')).headers.getSetCookie()).toEqual(['early=set%20in%20the%20handler; Path=/']);
      await eventually(async () => {
        expect(await afterEntries(client, 'after/late-cookie')).toEqual([
          {
            route: 'after/late-cookie',
            error:
              'Cookies can only be modified in a Server Action or Route Handler. Read more: https://nextjs.org/docs/app/api-reference/functions/cookies#options',
            readable: 'set in the handler',
          },
        ]);
      });
    },
  },
];
