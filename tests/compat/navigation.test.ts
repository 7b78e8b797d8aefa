/**
 * next/navigation without a server: the thrown errors carry Next's exact message and digest, the
 * dispatcher's control-flow reader maps them, and the helpers recognise them by digest only.
 */
import { describe, expect, test } from '@jest/globals';
import {
  forbidden,
  getRedirectStatusCodeFromError,
  getRedirectTypeFromError,
  getURLFromRedirectError,
  isHTTPAccessFallbackError,
  isNotFoundError,
  isRedirectError,
  notFound,
  permanentRedirect,
  ReadonlyURLSearchParams,
  redirect,
  RedirectType,
  unauthorized,
  unstable_rethrow,
  usePathname,
  useRouter,
} from 'next/navigation';
import { toControlFlow } from '../../server/dispatch/control-flow';

function thrown(fn: () => unknown): Error & { digest: string } {
  try {
    fn();
  } catch (error) {
    return error as Error & { digest: string };
  }
  throw new Error('expected a throw');
}

describe('the thrown errors', () => {
  test.each([
    ["redirect('/login')", () => redirect('/login'), 'NEXT_REDIRECT', 'NEXT_REDIRECT;replace;/login;307;', { status: 307, location: '/login' }],
    ["redirect('/a', 'push')", () => redirect('/a', RedirectType.push), 'NEXT_REDIRECT', 'NEXT_REDIRECT;push;/a;307;', { status: 307, location: '/a' }],
    [
      "redirect('https://b.test/x?q=1;2')",
      () => redirect('https://b.test/x?q=1;2'),
      'NEXT_REDIRECT',
      'NEXT_REDIRECT;replace;https://b.test/x?q=1;2;307;',
      { status: 307, location: 'https://b.test/x?q=1;2' },
    ],
    ["permanentRedirect('/new')", () => permanentRedirect('/new'), 'NEXT_REDIRECT', 'NEXT_REDIRECT;replace;/new;308;', { status: 308, location: '/new' }],
    ['notFound()', () => notFound(), 'NEXT_HTTP_ERROR_FALLBACK;404', 'NEXT_HTTP_ERROR_FALLBACK;404', { status: 404 }],
    ['forbidden()', () => forbidden(), 'NEXT_HTTP_ERROR_FALLBACK;403', 'NEXT_HTTP_ERROR_FALLBACK;403', { status: 403 }],
    ['unauthorized()', () => unauthorized(), 'NEXT_HTTP_ERROR_FALLBACK;401', 'NEXT_HTTP_ERROR_FALLBACK;401', { status: 401 }],
  ])('%s -> message %s, digest %s -> %j', (_call, fn, message, digest, flow) => {
    const error = thrown(fn);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe(message);
    expect(error.digest).toBe(digest);
    expect(toControlFlow(error)).toEqual(flow);
  });
});

describe('recognising them (by digest, so copies of the module and plain objects agree)', () => {
  test.each([
    ['redirect()', thrown(() => redirect('/x')), true, false, false],
    ['permanentRedirect()', thrown(() => permanentRedirect('/x')), true, false, false],
    ['a plain object with the digest', { digest: 'NEXT_REDIRECT;push;/x;307;' }, true, false, false],
    ['a 303 (Server Actions)', { digest: 'NEXT_REDIRECT;push;/x;303;' }, true, false, false],
    ['an unknown redirect status', { digest: 'NEXT_REDIRECT;push;/x;302;' }, false, false, false],
    ['an unknown type', { digest: 'NEXT_REDIRECT;jump;/x;307;' }, false, false, false],
    ['notFound()', thrown(() => notFound()), false, true, true],
    ['forbidden()', thrown(() => forbidden()), false, true, false],
    ['unauthorized()', thrown(() => unauthorized()), false, true, false],
    ["Next 13/14's NEXT_NOT_FOUND", { digest: 'NEXT_NOT_FOUND' }, false, false, true],
    ['an unknown fallback status', { digest: 'NEXT_HTTP_ERROR_FALLBACK;500' }, false, false, false],
    ['an ordinary Error', new Error('NEXT_REDIRECT'), false, false, false],
    ['null', null, false, false, false],
    ['a string', 'NEXT_REDIRECT;replace;/x;307;', false, false, false],
  ])('%s: redirect %s, access fallback %s, not found %s', (_name, value, redirectError, fallback, notFoundError) => {
    expect(isRedirectError(value)).toBe(redirectError);
    expect(isHTTPAccessFallbackError(value)).toBe(fallback);
    expect(isNotFoundError(value)).toBe(notFoundError);
  });

  test('URL, type and status read back from the digest', () => {
    const error = thrown(() => permanentRedirect('/a;b?c=d', RedirectType.push)) as never;
    expect(getURLFromRedirectError(error)).toBe('/a;b?c=d');
    expect(getRedirectTypeFromError(error)).toBe('push');
    expect(getRedirectStatusCodeFromError(error)).toBe(308);
    expect(getURLFromRedirectError(new Error('x'))).toBeNull();
    expect(() => getRedirectStatusCodeFromError(new Error('x') as never)).toThrow('Not a redirect error');
  });
});

describe('unstable_rethrow', () => {
  test.each([
    ['redirect()', thrown(() => redirect('/x')), true],
    ['notFound()', thrown(() => notFound()), true],
    ['forbidden()', thrown(() => forbidden()), true],
    ["Next 13/14's notFound", Object.assign(new Error('NEXT_NOT_FOUND'), { digest: 'NEXT_NOT_FOUND' }), true],
    ['a dynamic-usage bailout', Object.assign(new Error('x'), { digest: 'DYNAMIC_SERVER_USAGE' }), true],
    ['a redirect as the cause', new Error('wrapped', { cause: thrown(() => redirect('/x')) }), true],
    ['an ordinary error', new Error('db down'), false],
    ['an error with an unrelated cause', new Error('a', { cause: new Error('b') }), false],
    ['a non-error', 42, false],
  ])('%s -> rethrown: %s', (_name, value, rethrown) => {
    if (rethrown) expect(() => unstable_rethrow(value)).toThrow();
    else expect(() => unstable_rethrow(value)).not.toThrow();
  });

  test('rethrows the control-flow error itself, not its wrapper', () => {
    const inner = thrown(() => redirect('/x'));
    expect(thrown(() => unstable_rethrow(new Error('wrapped', { cause: inner })))).toBe(inner);
  });
});

describe('Client Component parts', () => {
  test.each([
    ['useRouter', useRouter],
    ['usePathname', usePathname],
  ])('%s() says it is not available in route handlers and what to use', (name, hook) => {
    expect(hook).toThrow(`\`${name}\` is a React hook for Client Components and is not available in route handlers.`);
    expect(hook).toThrow('request.nextUrl');
  });

  test('ReadonlyURLSearchParams reads and refuses writes', () => {
    const params = new ReadonlyURLSearchParams('a=1');
    expect(params.get('a')).toBe('1');
    expect(() => params.set()).toThrow('Method unavailable on `ReadonlyURLSearchParams`.');
  });
});
