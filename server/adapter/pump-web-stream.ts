/**
 * @module pumpWebStream: a Fetch body stream onto Node's response, whole when it can be (one
 * writeHead + end with a Content-Length), streamed with backpressure otherwise. The phases are
 * described on the function.
 */
import type { ServerResponse } from 'node:http';
import { isUint8Array } from 'node:util/types';
import { sendEmpty } from './send-empty';
import { writeHead, type OutgoingHeaders } from './write-head';
import { sendWhole } from './send-whole';
import { ResponseAborted } from './response-aborted';

/** A web-stream body that ends within the first turn of the event loop goes out whole if its chunks after the first stay within this size. */
export const WHOLE_BODY_LIMIT = 64 * 1024;

/**
 * Writes a web stream's body, in two phases:
 *   1. whole: chunks that are ready in this turn of the event loop are collected (the first at
 *      any size, then up to WHOLE_BODY_LIMIT in all). A body that ends here goes out as one
 *      writeHead + end with a Content-Length, like a string body: `new Response('hi')` on Node 24
 *      (whose undici hides the source string), `Response.json` and a stream that enqueues
 *      everything in `start()`. HEAD learns the length the same way.
 *   2. streaming: at the end of the turn (setImmediate), past the limit, or on a chunk that is not
 *      bytes, what was collected goes out with the headers, and each later chunk is written as it
 *      comes (flushed through a compressing middleware's `res.flush()`, as Next's pipe flushes),
 *      waiting for `drain` when the socket is full. As in Next, the headers go out with the first
 *      chunk, not before; a stream that fails before its first chunk, in this turn or any later
 *      one, answers an empty 500 (Next 16 closes the connection with no answer at all). HEAD sends
 *      its headers at the end of the turn.
 *      A stream that fails after bytes went out cuts the connection, so the client cannot take a
 *      truncated body for a whole one.
 * Node refusing a header (see write-head.ts) answers an empty 500 too. The client leaving cancels
 * the stream. Resolves with the error the body (or its headers) failed with, for the caller to log.
 */
export async function pumpWebStream(
  res: ServerResponse,
  status: number,
  statusText: string,
  headers: OutgoingHeaders,
  body: ReadableStream<Uint8Array>,
  head: boolean,
): Promise<unknown> {
  const reader = body.getReader();
  let closed = false; // the client left, HEAD has sent all it will, or the headers were refused
  let wake: (() => void) | undefined;
  const stop = () => {
    closed = true;
    reader.cancel(new ResponseAborted()).catch(() => {});
  };
  const onClose = () => {
    closed = true;
    // As Next's pipe: the stream's cancel(reason) and a pending writer.write() get ResponseAborted.
    if (!res.writableFinished) reader.cancel(new ResponseAborted()).catch(() => {});
    wake?.();
  };
  const onDrain = () => wake?.();
  res.on('close', onClose);

  let failure: unknown;
  // Phase 1 state: the chunks collected so far; undefined once streaming.
  let whole: Uint8Array[] | undefined = [];
  let size = 0;

  /** Sends the headers once; false when Node refused them (the empty 500 is then out). */
  const sendHead = (): boolean => {
    if (res.headersSent) return true;
    try {
      writeHead(res, status, statusText, headers);
      return true;
    } catch (error) {
      failure = error;
      stop();
      sendEmpty(res, 500);
      return false;
    }
  };
  /** Ends phase 1; false when nothing more is to be written. */
  const startStreaming = (): boolean => {
    if (whole === undefined) return !closed;
    const collected = whole;
    whole = undefined;
    clearImmediate(endOfTurn);
    if (res.destroyed) return false;
    if (head) {
      if (sendHead()) res.end();
      stop();
      return false;
    }
    if (collected.length === 0) return true; // the headers wait for the first chunk
    if (!sendHead()) return false;
    for (const chunk of collected) res.write(chunk);
    flush(res);
    return true;
  };
  const endOfTurn: NodeJS.Immediate = setImmediate(startStreaming);

  let readToEnd = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) readToEnd = true;
      if (done || closed) break;
      if (whole !== undefined) {
        // The first chunk is kept at any size (it is in memory already: Node 24's `new Response(bytes)`
        // arrives as one chunk); the limit bounds what more is read ahead. isUint8Array is realm-safe.
        if (isUint8Array(value) && (whole.length === 0 || size + value.byteLength <= WHOLE_BODY_LIMIT)) {
          whole.push(value);
          size += value.byteLength;
          continue;
        }
        if (!startStreaming()) break;
      }
      if (!sendHead()) break;
      const written = res.write(value);
      flush(res);
      if (!written) {
        res.once('drain', onDrain);
        await new Promise<void>((resolve) => (wake = resolve));
        res.off('drain', onDrain);
        wake = undefined;
        if (closed) break;
      }
    }
    if (!closed) {
      // A response that names its own framing (a proxied upstream's `transfer-encoding: chunked`) keeps it.
      if (whole !== undefined && headers['transfer-encoding'] === undefined) {
        clearImmediate(endOfTurn);
        sendWhole(res, status, statusText, headers, whole, head);
      } else if (whole === undefined && !res.headersSent) {
        sendWhole(res, status, statusText, headers, [], head); // ended before its first chunk
      } else if (startStreaming() && sendHead()) {
        res.end();
      }
    } else {
      clearImmediate(endOfTurn);
    }
  } catch (error) {
    failure = error ?? new Error('the response body stream failed');
    clearImmediate(endOfTurn);
    if (!res.headersSent && !res.destroyed) {
      // Nothing is out yet: a clean, empty 500 (the same as a handler that throws).
      res.writeHead(500, { 'content-length': '0' });
      res.end();
    } else if (!res.destroyed) {
      // Headers (and maybe part of the body) are out: the only honest signal left is to cut the connection.
      res.destroy(error as Error);
    }
  } finally {
    res.off('close', onClose);
    // A stream read to its end is closed and needs no unlocking (releaseLock() would build an Error).
    if (!readToEnd) reader.releaseLock();
  }
  return failure;
}

/**
 * Pushes what was written through a compressing middleware at once (the `compression` package's
 * `res.flush()`, gzip's sync flush), as Next's pipe does after each chunk: without it a server-sent
 * event waits in the compressor until enough bytes pile up. Plain Node responses have no `flush`.
 */
function flush(res: ServerResponse): void {
  (res as ServerResponse & { flush?: () => void }).flush?.();
}
