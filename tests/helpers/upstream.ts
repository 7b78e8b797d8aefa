/**
 * @module Test helper: a local HTTP upstream for the data cache that counts what it is asked.
 *
 *   GET|POST /count/<name>[?delay=ms] -> {"path":"/count/<name>","hits":N,"method":"GET","body":""} (N counts per path)
 *   GET /chunks                       -> 'first;', then 300 ms later 'second' and the end
 *   GET /chunks-state                 -> {"done":false} until /chunks has sent its end
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Upstream {
  url: string;
  /** Requests seen for a path (the query excluded). */
  hits(path: string): number;
  /** The request bodies seen for a path, in order. */
  bodies(path: string): string[];
  close(): Promise<void>;
}

export function startUpstream(): Promise<Upstream> {
  const seen = new Map<string, string[]>();
  let chunksDone = false;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://upstream.test');
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const list = seen.get(url.pathname) ?? [];
      list.push(body);
      seen.set(url.pathname, list);
      if (url.pathname === '/chunks') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('first;');
        setTimeout(() => {
          chunksDone = true;
          res.end('second');
        }, 300);
        return;
      }
      if (url.pathname === '/chunks-state') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ done: chunksDone }));
        return;
      }
      const answer = JSON.stringify({ path: url.pathname, hits: list.length, method: req.method, body });
      const delay = Number(url.searchParams.get('delay') ?? 0);
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': 'yes' });
        res.end(answer);
      }, delay);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        hits: (path) => seen.get(path)?.length ?? 0,
        bodies: (path) => seen.get(path) ?? [],
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
