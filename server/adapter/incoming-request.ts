/**
 * @module The NextRequest a route handler receives: an object whose prototype chain is
 * NextRequest -> Request (so `instanceof` holds and `nextUrl`/`cookies` work), but which reads
 * Express's `req` on demand. Method is a field; URL, headers and signal are built on first read;
 * text()/json()/arrayBuffer() read Node's stream directly; anything else (formData, body, clone,
 * ...) builds the real NextRequest once and delegates to it.
 */
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express';

import { kBasePath, NextRequest } from '../next/request';
import { bodyStream, readBody } from './read-body';
import { isNextpressError } from '../errors';
import { ERROR_BRAND } from '../shared/shared-state';
import { ResponseAborted } from './response-aborted';

const BODYLESS = new Set(['GET', 'HEAD']);

/** The JSON parse error `request.json()` rejects with: a SyntaxError (as in Next) that answers 400 if uncaught. */
function malformedJson(cause: unknown): SyntaxError {
  const error = new SyntaxError(`Malformed JSON in request body: ${(cause as Error).message}`, { cause });
  return Object.assign(error, {
    status: 400,
    expose: true,
    code: 'BAD_JSON',
    [ERROR_BRAND]: true,
  });
}

/** The error `request.formData()` rejects with when the body is not a form: a TypeError (as in Next) that answers 400 if uncaught. */
function malformedForm(reason: string, cause?: unknown): TypeError {
  const error = new TypeError(`Malformed form data in request body: ${reason}`, cause === undefined ? undefined : { cause });
  return Object.assign(error, {
    status: 400,
    expose: true,
    code: 'BAD_FORM',
    [ERROR_BRAND]: true,
  });
}

const FORM_TYPES = /^\s*(?:multipart\/form-data|application\/x-www-form-urlencoded)\s*(?:;|$)/i;

export interface IncomingRequestOptions {
  /** Largest body the handler may read, in bytes (BODY_LIMIT). */
  bodyLimit: number;
  /**
   * A route handler's request: as in Next 16, its `url` leaves next.config's basePath out
   * (`/base/api/x` -> `http://host/api/x`) and `nextUrl.basePath` is ''. proxy.ts's request keeps both.
   */
  handler?: boolean;
}

export class IncomingNextRequest {
  readonly method: string;
  readonly #req: ExpressRequest;
  readonly #res: ExpressResponse;
  readonly #limit: number;
  readonly #handler: boolean;
  #url: string | undefined = undefined;
  #headers: Headers | undefined = undefined;
  #controller: AbortController | undefined = undefined;
  #real: NextRequest | undefined = undefined;
  #bodyUsed = false;
  #abortReason: unknown = undefined;

  constructor(req: ExpressRequest, res: ExpressResponse, options: IncomingRequestOptions) {
    this.method = req.method;
    this.#req = req;
    this.#res = res;
    this.#limit = options.bodyLimit;
    this.#handler = options.handler === true;
  }

  /** next.config's basePath, when the request was served under one (server/pipeline); NextRequest's nextUrl reads it. */
  get [kBasePath](): string | undefined {
    return this.#handler ? undefined : (this.#req as { [kBasePath]?: string })[kBasePath];
  }

  /** Absolute: protocol and host from Express (so `trust proxy` applies), then the path and query as Next writes them. */
  get url(): string {
    if (this.#url !== undefined) return this.#url;
    let target = this.#req.originalUrl;
    const basePath = this.#handler ? (this.#req as { [kBasePath]?: string })[kBasePath] : undefined;
    if (basePath !== undefined && target.startsWith(basePath)) target = target.slice(basePath.length) || '/';
    if (target.charCodeAt(0) === 63 /* ? */) target = `/${target}`;
    return (this.#url = `${this.#req.protocol}://${this.#req.host || 'localhost'}${asNextSerialises(target)}`);
  }

  /** Every request header, plus Next's `x-forwarded-*` when the client sent none. */
  get headers(): Headers {
    if (this.#headers !== undefined) return this.#headers;
    const headers = new Headers();
    const raw = this.#req.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) {
      if (raw[i].charCodeAt(0) !== 58 /* ':' HTTP/2 pseudo-header */) headers.append(raw[i], raw[i + 1]);
    }
    const req = this.#req;
    const host = req.headers.host;
    if (!headers.has('x-forwarded-host') && host) headers.set('x-forwarded-host', host);
    if (!headers.has('x-forwarded-port')) {
      const port = req.socket.localPort;
      if (port !== undefined) headers.set('x-forwarded-port', String(port));
    }
    if (!headers.has('x-forwarded-proto')) headers.set('x-forwarded-proto', req.protocol);
    if (!headers.has('x-forwarded-for') && req.socket.remoteAddress) headers.set('x-forwarded-for', req.socket.remoteAddress);
    return (this.#headers = headers);
  }

  /** Aborted when the client goes away before the response has been sent. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      const controller = new AbortController();
      const res = this.#res;
      const reason = () => new ResponseAborted(); // Next's reason (its signalFromNodeResponse)
      if (this.#abortReason !== undefined) {
        controller.abort(this.#abortReason);
      } else if (res.writableFinished) {
        // response already sent: nothing left to abort
      } else if (res.destroyed || this.#req.destroyed) {
        controller.abort(reason());
      } else {
        res.once('close', () => {
          if (!res.writableFinished) controller.abort(reason());
        });
      }
      this.#controller = controller;
    }
    return this.#controller.signal;
  }

  get bodyUsed(): boolean {
    return this.#real !== undefined ? this.#real.bodyUsed : this.#bodyUsed;
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.toRequest().body;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#readAll();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async bytes(): Promise<Uint8Array> {
    return new Uint8Array(await this.arrayBuffer());
  }

  async text(): Promise<string> {
    return (await this.#readAll()).toString('utf8');
  }

  async json(): Promise<unknown> {
    const text = await this.text();
    try {
      return JSON.parse(text);
    } catch (error) {
      throw malformedJson(error);
    }
  }

  /** As the platform's, but a body that is not a well-formed form rejects with a 400 TypeError naming the problem. */
  async formData(): Promise<FormData> {
    const type = this.#req.headers['content-type'];
    if (type === undefined || !FORM_TYPES.test(type)) {
      throw malformedForm(
        `Content-Type is ${type === undefined ? 'missing' : `'${type}'`}; expected multipart/form-data (with a boundary) or application/x-www-form-urlencoded`,
      );
    }
    if (/^\s*multipart\//i.test(type) && !/;\s*boundary=/i.test(type)) {
      throw malformedForm(`Content-Type '${type}' has no boundary parameter`);
    }
    try {
      return await this.toRequest().formData();
    } catch (error) {
      const cause = (error as { cause?: unknown } | null)?.cause;
      if (isNextpressError(error)) throw error; // body over the limit, client gone
      if (isNextpressError(cause)) throw cause;
      throw malformedForm((error as Error)?.message ?? String(error), error);
    }
  }

  /** Aborts `signal` (made now or later) with `reason`: the deadline passed (see dispatch). */
  abort(reason: unknown): void {
    this.#abortReason = reason;
    if (this.#controller !== undefined && !this.#controller.signal.aborted) this.#controller.abort(reason);
  }

  blob(): Promise<Blob> {
    return this.toRequest().blob();
  }

  clone(): Request {
    return this.toRequest().clone();
  }

  /** Builds the real NextRequest once (streaming the body from Node's request) and delegates to it from then on. */
  toRequest(): NextRequest {
    if (this.#real !== undefined) return this.#real;
    if (this.#bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    const hasBody = !BODYLESS.has(this.method);
    this.#real = new NextRequest(this.url, {
      method: this.method,
      headers: this.headers,
      body: hasBody ? bodyStream(this.#req, this.#limit) : null,
      signal: this.signal,
      // @ts-expect-error `duplex` is required by undici for streamed bodies; DOM typings lack it
      duplex: 'half',
    });
    return this.#real;
  }

  async #readAll(): Promise<Buffer> {
    if (this.#real !== undefined) return Buffer.from(await this.#real.arrayBuffer());
    if (this.#bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    this.#bodyUsed = true;
    if (BODYLESS.has(this.method)) return Buffer.alloc(0);
    return readBody(this.#req, this.#limit);
  }
}

// Make IncomingNextRequest a NextRequest (and so a Request) for `instanceof` and inherited getters
// (`nextUrl`, `cookies`), then cover every Request member it does not define itself by delegating
// to the real request: the platform's getters would throw "Illegal invocation" on this object.
Object.setPrototypeOf(IncomingNextRequest.prototype, NextRequest.prototype);
for (const name of Object.getOwnPropertyNames(Request.prototype)) {
  if (name === 'constructor' || Object.hasOwn(IncomingNextRequest.prototype, name)) continue;
  const descriptor = Object.getOwnPropertyDescriptor(Request.prototype, name)!;
  if (typeof descriptor.value === 'function') {
    Object.defineProperty(IncomingNextRequest.prototype, name, {
      configurable: true,
      writable: true,
      value(this: IncomingNextRequest, ...args: unknown[]) {
        const real = this.toRequest() as unknown as Record<string, (...a: unknown[]) => unknown>;
        return real[name](...args);
      },
    });
  } else if (descriptor.get) {
    Object.defineProperty(IncomingNextRequest.prototype, name, {
      configurable: true,
      get(this: IncomingNextRequest) {
        return (this.toRequest() as unknown as Record<string, unknown>)[name];
      },
    });
  }
}
Object.defineProperty(IncomingNextRequest.prototype, Symbol.toStringTag, { value: 'Request', configurable: true });

/** Express req/res -> the NextRequest handed to a route handler (cheap until read). */
export function toNextRequest(req: ExpressRequest, res: ExpressResponse, options: IncomingRequestOptions): NextRequest {
  return new IncomingNextRequest(req, res, options) as unknown as NextRequest;
}

/** Aborts the request's signal with `reason`, if it is one of ours (a stripped or cloned request has its own). */
export function abortRequest(request: Request, reason: unknown): void {
  if (request instanceof IncomingNextRequest) request.abort(reason);
}

/**
 * The path as sent, the query as Next 16 writes it in `request.url` (checked by npm run test:next):
 * reserialised as URLSearchParams does (`?q=a%20b` -> `?q=a+b`, `?flag` -> `?flag=`,
 * `?x=%ZZ` -> `?x=%25ZZ`), an empty `?` dropped, and a `#fragment` a client sent dropped.
 */
export function asNextSerialises(originalUrl: string): string {
  const hash = originalUrl.indexOf('#');
  const url = hash === -1 ? originalUrl : originalUrl.slice(0, hash);
  const question = url.indexOf('?');
  if (question === -1) return url;
  const search = new URLSearchParams(url.slice(question + 1)).toString();
  return search === '' ? url.slice(0, question) : `${url.slice(0, question)}?${search}`;
}
