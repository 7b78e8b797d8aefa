/**
 * @module NextRequest and NextURL: a real Fetch `Request` plus `nextUrl` and `cookies`, both built
 * on first read so that a handler that never touches them pays nothing.
 */
import { RequestCookies } from '@edge-runtime/cookies';

/**
 * Where the pipeline (next.config `basePath`) marks a request served under a basePath; the
 * NextRequest reads it when it builds `nextUrl`. Registered, so every copy of this module agrees.
 */
export const kBasePath: unique symbol = Symbol.for('nextpress.basePath') as never;

/**
 * A URL with Next's extras: `basePath` (next.config's, or ''), `buildId`, and `clone()`. As in
 * Next, `pathname` leaves the basePath out (`/docs/a` with basePath `/docs` -> `/a`) and setting
 * it puts it back; `href` keeps it.
 */
export class NextURL extends URL {
  basePath = '';
  buildId: string | undefined = undefined;
  locale = '';
  defaultLocale: string | undefined = undefined;

  clone(): NextURL {
    const copy = new NextURL(this.href);
    copy.basePath = this.basePath;
    copy.buildId = this.buildId;
    return copy;
  }
}

// `pathname` is an accessor of URL: redefined here (TypeScript types it as a plain field).
const urlPathname = Object.getOwnPropertyDescriptor(URL.prototype, 'pathname')!;
Object.defineProperty(NextURL.prototype, 'pathname', {
  configurable: true,
  enumerable: true,
  get(this: NextURL): string {
    const full = urlPathname.get!.call(this) as string;
    const base = this.basePath;
    if (base === '') return full;
    if (full === base) return '/';
    return full.startsWith(`${base}/`) ? full.slice(base.length) : full;
  },
  set(this: NextURL, value: string) {
    urlPathname.set!.call(this, this.basePath + value);
  },
});

const kNextUrl = Symbol('nextpress.nextUrl');
const kCookies = Symbol('nextpress.cookies');

export class NextRequest extends Request {
  [kNextUrl]: NextURL | undefined;
  [kCookies]: RequestCookies | undefined;

  constructor(input: URL | RequestInfo, init: RequestInit = {}) {
    super(input, init);
    this[kNextUrl] = undefined;
    this[kCookies] = undefined;
  }

  /** The request URL as a NextURL (pathname, searchParams, basePath, clone()). */
  get nextUrl(): NextURL {
    if (this[kNextUrl] !== undefined) return this[kNextUrl];
    const url = new NextURL(this.url);
    const basePath = (this as { [kBasePath]?: string })[kBasePath];
    if (basePath !== undefined) url.basePath = basePath;
    return (this[kNextUrl] = url);
  }

  /** The request's cookies (get, getAll, has, set, delete, clear, size), parsed on first read. */
  get cookies(): RequestCookies {
    return (this[kCookies] ??= new RequestCookies(this.headers));
  }

  /** Removed in Next 15 (host-specific); self-hosted Next 13/14 gave undefined. */
  get ip(): string | undefined {
    return undefined;
  }

  /** Removed in Next 15 (host-specific); self-hosted Next 13/14 gave an empty object. */
  get geo(): Record<string, string | undefined> {
    return {};
  }
}
