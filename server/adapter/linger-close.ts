/**
 * @module lingerClose: a 413 that closes the connection while the client is still sending its
 * body. Node ends and destroys the socket as soon as the answer is written; the bytes the client
 * sends after that make the kernel answer with a reset, and most clients (fetch, browsers, a
 * plain socket) then lose the 413 and report a network error. Instead, after the answer, what
 * the client still sends is read and dropped, as web servers do (a "lingering close"), until it
 * stops, LINGER_BYTES more arrived, or LINGER_MS passed; then the socket is closed.
 *
 *   POST with Content-Length 11 MB over BODY_LIMIT, sent in full -> the client reads the 413 JSON, then the close
 *   a client that keeps sending past LINGER_BYTES, or for LINGER_MS -> the socket is destroyed then
 *   the request's body was complete already, or the socket is gone -> nothing to do
 */
import type { ServerResponse } from 'node:http';

/** How much more of a refused body is read and dropped before the connection is cut. */
export const LINGER_BYTES = 64 * 1024 * 1024;
/** How long a refused body may keep coming before the connection is cut. */
export const LINGER_MS = 5000;

export function lingerClose(res: ServerResponse): void {
  const req = res.req;
  const socket = res.socket;
  if (req === undefined || socket === null || socket.destroyed || req.complete) return;
  // Node calls destroySoon when an answer with `Connection: close` is written.
  socket.destroySoon = function lingeringDestroySoon(this: typeof socket) {
    this.end(); // the answer, then FIN; a server socket is half-open, so reading goes on
    let dropped = 0;
    const cut = () => this.destroy();
    const timer = setTimeout(cut, LINGER_MS);
    timer.unref();
    this.on('data', (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > LINGER_BYTES) cut();
    });
    this.once('end', cut);
    this.once('close', () => clearTimeout(timer));
    this.resume();
  };
  req.resume(); // the body reader paused it when the limit was passed
}
