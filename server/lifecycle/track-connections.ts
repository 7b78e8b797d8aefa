/**
 * @module trackConnections: which open sockets are serving a request. Node's
 * `closeIdleConnections()` only closes sockets between two requests; a socket that never sent a
 * request (a load balancer's pre-opened connection) or sent half of one kept a graceful shutdown
 * waiting for its whole timeout. The listener this returns marks each socket with its latest
 * response (one property write per request); `closeUnused()` destroys every socket whose latest
 * response is finished or that has none.
 *
 *   socket, no request yet            -> closed
 *   socket, half a request line       -> closed
 *   socket, response in progress      -> kept (it ends with `Connection: close`)
 *   socket, response done (keep-alive) -> closed
 */
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

const kResponse = Symbol('nextpress.response');
type TrackedSocket = Socket & { [kResponse]?: ServerResponse };

export interface ConnectionTracker {
  /** The server's request listener: marks the socket, then runs `listener`. */
  listener: RequestListener;
  /** Destroys every socket that is not serving a request right now. */
  closeUnused(): void;
}

export function trackConnections(server: Server, listener: RequestListener): ConnectionTracker {
  const sockets = new Set<TrackedSocket>();
  server.on('connection', (socket: TrackedSocket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return {
    listener(req: IncomingMessage, res: ServerResponse) {
      (req.socket as TrackedSocket)[kResponse] = res;
      listener(req, res);
    },
    closeUnused() {
      for (const socket of sockets) {
        const res = socket[kResponse];
        if (res === undefined || res.writableFinished) socket.destroy();
      }
    },
  };
}
