/**
 * @module NextRequest and NextURL: a real Fetch `Request` plus `nextUrl` and `cookies`, both built
 * on first read so that a handler that never touches them pays nothing.
 */
import { RequestCookies } from '@edge-runtime/cookies';

/** A URL with Next's extras: `basePath` (always '' here), `buildId`, and `clone()`. */
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
    return (this[kNextUrl] ??= new NextURL(this.url));
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
