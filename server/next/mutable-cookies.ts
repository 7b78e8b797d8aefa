/**
 * @module MutableCookies: the `cookies()` object of one request, as Next's route handlers have it.
 * Reads see the request's cookies and this request's own writes; each cookie written with `set`
 * or `delete` becomes one `Set-Cookie` header of the response (the dispatcher asks
 * `toSetCookieHeaders()`). Parsing and serialising are @edge-runtime/cookies, as in Next.
 *
 *   Cookie: a=1, no writes      get('a') -> { name: 'a', value: '1', path: '/' }   toSetCookieHeaders() -> []
 *   set('b', '2', { httpOnly }) get('b') -> { name: 'b', value: '2', path: '/', httpOnly: true }
 *                                                                     toSetCookieHeaders() -> ['b=2; Path=/; HttpOnly']
 *   delete('a')                 get('a') -> { name: 'a', value: '', path: '/', expires: Date(0) }
 *                                                  -> ['a=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT']
 *   set() once the response is out  -> throws Next's ReadonlyRequestCookiesError
 */
import { RequestCookies, ResponseCookies, stringifyCookie, type RequestCookie, type ResponseCookie } from '@edge-runtime/cookies';
import type { CookieJar } from '../context';
import { MUTABLE_COOKIES } from '../shared/shared-state';

const kBrand = MUTABLE_COOKIES;

export class ReadonlyRequestCookiesError extends Error {
  constructor() {
    super('Cookies can only be modified in a Server Action or Route Handler. Read more: https://nextjs.org/docs/app/api-reference/functions/cookies#options');
    this.name = 'ReadonlyRequestCookiesError';
  }
}

/** Next 16 accepts `revalidate` (Server Actions only); it is dropped, never serialised. */
type NextCookieOptions = { revalidate?: boolean };
export type SetCookieArgs = [name: string, value: string, cookie?: Partial<ResponseCookie> & NextCookieOptions] | [options: ResponseCookie & NextCookieOptions];
export type DeleteCookieArgs = [name: string] | [options: Omit<ResponseCookie, 'value' | 'expires'> & NextCookieOptions];

export interface MutableCookiesOptions {
  /** Called before every write; throws when the write could no longer reach the client. */
  assertWritable?: () => void;
  /** A jar someone else put on the request first: its Set-Cookie values come before ours. */
  previous?: CookieJar;
}

export class MutableCookies implements CookieJar {
  readonly [kBrand] = true;
  readonly #cookies = new ResponseCookies(new Headers());
  readonly #modified = new Set<string>();
  readonly #assertWritable: (() => void) | undefined;
  readonly #previous: CookieJar | undefined;

  constructor(requestHeaders: Headers, options: MutableCookiesOptions = {}) {
    for (const cookie of new RequestCookies(requestHeaders).getAll()) this.#cookies.set(cookie);
    this.#assertWritable = options.assertWritable;
    this.#previous = options.previous;
  }

  /** Recognises a jar made by any copy of this module (brand, not instanceof). */
  static is(value: unknown): value is MutableCookies {
    return typeof value === 'object' && value !== null && (value as { [kBrand]?: unknown })[kBrand] === true;
  }

  get size(): number {
    return this.getAll().length;
  }

  get(...args: [name: string] | [RequestCookie]): ResponseCookie | undefined {
    return this.#cookies.get(typeof args[0] === 'string' ? args[0] : args[0].name);
  }

  getAll(...args: [name: string] | [RequestCookie] | []): ResponseCookie[] {
    return args.length === 0 ? this.#cookies.getAll() : this.#cookies.getAll(typeof args[0] === 'string' ? args[0] : args[0].name);
  }

  has(name: string): boolean {
    return this.#cookies.has(name);
  }

  set(...args: SetCookieArgs): this {
    this.#assertWritable?.();
    const [name, value, options] = args.length === 1 ? [args[0].name, args[0].value, args[0]] : args;
    const { revalidate: _revalidate, ...cookie } = { ...options, name, value };
    this.#modified.add(name);
    this.#cookies.set(cookie);
    return this;
  }

  delete(...args: DeleteCookieArgs): this {
    this.#assertWritable?.();
    const options = typeof args[0] === 'string' ? { name: args[0] } : args[0];
    const { revalidate: _revalidate, ...cookie } = options;
    this.#modified.add(cookie.name);
    this.#cookies.delete(cookie);
    return this;
  }

  *[Symbol.iterator](): IterableIterator<[string, ResponseCookie]> {
    for (const cookie of this.#cookies.getAll()) yield [cookie.name, cookie];
  }

  /** `a=1; b=2`: every cookie this request sees, as Next's cookies().toString() gives. */
  toString(): string {
    return this.#cookies.toString();
  }

  /** One `Set-Cookie` value per cookie written during the request, in the order first written. */
  toSetCookieHeaders(): string[] {
    const earlier = this.#previous?.toSetCookieHeaders() ?? [];
    if (this.#modified.size === 0) return earlier;
    const own: string[] = [];
    for (const cookie of this.#cookies.getAll()) {
      if (this.#modified.has(cookie.name)) own.push(stringifyCookie(cookie));
    }
    return earlier.length === 0 ? own : [...earlier, ...own];
  }
}
