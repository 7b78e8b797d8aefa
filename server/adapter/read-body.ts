/**
 * @module Reading the request body from Node's stream, under the body limit: whole (for text(),
 * json(), arrayBuffer()) or as a Web ReadableStream (for `request.body` and formData()).
 * A body an Express body parser already consumed is rebuilt from `req.body`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import bytes from 'bytes';
import { NextpressError } from '../errors';

type ParsedRequest = IncomingMessage & { body?: unknown; _body?: boolean; res?: ServerResponse };

/** `10485760` -> `'10 MB'`; `1536` -> `'1.5 KB'` (Express's own `bytes`). */
export function formatBytes(size: number): string {
  return bytes.format(size, { unitSeparator: ' ' }) ?? `${size} B`;
}

/** The client closed the connection (or reset it) before the body was complete: its doing, answered 400 and logged at debug. */
export function bodyAborted(cause?: unknown): NextpressError {
  return new NextpressError('The client closed the connection before the request body was complete.', { status: 400, code: 'BODY_ABORTED', cause });
}

export function bodyTooLarge(limit: number, declared?: number): NextpressError {
  const what = declared === undefined ? 'The request body streamed past' : `The request body (content-length ${declared}) exceeds`;
  return new NextpressError(`${what} the limit of ${formatBytes(limit)} (BODY_LIMIT). Send a smaller body or raise BODY_LIMIT.`, {
    status: 413,
    code: 'BODY_TOO_LARGE',
  });
}

/** The declared content-length when it exceeds the limit, else undefined. */
export function declaredTooLarge(req: IncomingMessage, limit: number): number | undefined {
  const header = req.headers['content-length'];
  if (header === undefined) return undefined;
  const length = Number(header);
  return length > limit ? length : undefined;
}

/** True when a body parser (express.json(), urlencoded(), raw(), text()) has already read the body. */
export function wasParsed(req: ParsedRequest): boolean {
  return req._body === true || (req.readableEnded && req.body !== undefined);
}

/** Rebuilds the bytes of a body an Express parser consumed: objects as JSON or form data, strings and Buffers as they are. */
export function rebuildParsedBody(req: ParsedRequest): Uint8Array {
  const body = req.body;
  if (body === undefined || body === null) return new Uint8Array(0);
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    return Buffer.from(new URLSearchParams(body as Record<string, string>).toString());
  }
  return Buffer.from(JSON.stringify(body));
}

/** Reads the whole body into one Buffer; rejects with a 413 NextpressError past `limit` and stops reading. */
export function readBody(req: ParsedRequest, limit: number): Promise<Buffer> {
  if (wasParsed(req)) return Promise.resolve(Buffer.from(rebuildParsedBody(req)));
  const declared = declaredTooLarge(req, limit);
  if (declared !== undefined) return Promise.reject(bodyTooLarge(limit, declared));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        reject(bodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(bodyAborted(error)); // ECONNRESET, 'aborted': a socket error while reading is the client's
    };
    const onClose = () => {
      if (req.complete) return;
      cleanup();
      reject(bodyAborted());
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** The body as a byte ReadableStream with backpressure (pauses Node's stream when the reader is behind). */
export function bodyStream(req: ParsedRequest, limit: number): ReadableStream<Uint8Array> {
  if (wasParsed(req)) {
    const bytes = rebuildParsedBody(req);
    return new ReadableStream({
      start(controller) {
        if (bytes.length > 0) controller.enqueue(bytes);
        controller.close();
      },
    });
  }
  const declared = declaredTooLarge(req, limit);
  let size = 0;
  let done = false;
  let listening = false;
  const listen = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    if (req.destroyed && !req.complete) {
      // the client left before the first read: its 'close' has been emitted already
      done = true;
      controller.error(bodyAborted());
      return;
    }
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.pause();
        controller.error(bodyTooLarge(limit));
        return;
      }
      controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      if ((controller.desiredSize ?? 1) <= 0) req.pause();
    });
    req.once('end', () => {
      if (done) return;
      done = true;
      controller.close();
    });
    req.once('error', (error) => {
      if (done) return;
      done = true;
      controller.error(bodyAborted(error));
    });
    req.once('close', () => {
      if (done || req.complete) return;
      done = true;
      controller.error(bodyAborted());
    });
    // Read in part when the response has gone out (request.clone()'s tee reads ahead; a handler
    // that stopped reading): the rest is discarded, so the client can finish sending and read the answer.
    req.res?.once('finish', () => {
      if (done) return;
      done = true;
      req.resume();
    });
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (declared !== undefined) {
          done = true;
          controller.error(bodyTooLarge(limit, declared));
        }
      },
      // Node's stream is read from the first read on, not when the stream is made: a handler that
      // only makes it (request.clone(), request.body.getReader() released unread) leaves the body
      // unread, and Node discards it after the response, as when nothing touched it.
      pull(controller) {
        if (!listening) {
          listening = true;
          listen(controller);
        }
        req.resume();
      },
      cancel() {
        done = true;
        req.resume(); // drain and discard whatever is left, so the socket stays usable
      },
    },
    // 0: nothing is pulled before a reader asks (1 would read a chunk as soon as the stream is made).
    { highWaterMark: 0 },
  );
}
