/**
 * A handler that touches the request body without reading it (request.clone(), a reader released
 * unread) and answers: Node discards the rest of the upload as when nothing touched it, so the
 * client sends its whole body and reads the answer (the connection was reset mid-upload before).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from '../../server/app';

let server: http.Server;
let port: number;

beforeAll(async () => {
  const app = createApp({ routesDir: path.join(__dirname, '..', 'fixtures', 'body-app') });
  await app.locals.nextpress.ready;
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/**
 * POSTs `size` bytes with a Content-Length over a raw socket (as curl sends it); resolves with the
 * answer once the last byte was handed to the kernel, or with the socket's error (a reset).
 */
function upload(path: string, size: number): Promise<{ status?: number; body?: string; error?: string }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    let sent = false;
    const settle = () => {
      const end = received.indexOf('\r\n\r\n');
      if (!sent || end === -1) return;
      const length = Number(/content-length: (\d+)/i.exec(received.slice(0, end))?.[1]);
      const body = received.slice(end + 4);
      if (body.length < length) return;
      socket.destroy();
      resolve({ status: Number(received.slice(9, 12)), body });
    };
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      settle();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    socket.write(`POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\nContent-Length: ${size}\r\n\r\n`);
    socket.write(Buffer.alloc(size, 'x'), (error) => {
      if (error) return;
      sent = true;
      settle();
    });
  });
}

describe('a body touched but not read', () => {
  test.each(['none', 'clone', 'reader', 'type'])('?m=%s: the 5 MB upload completes and the answer arrives', async (m) => {
    expect(await upload(`/touch?m=${m}`, 5 * 1024 * 1024)).toEqual({ status: 200, body: `touched by ${m}` });
  });
});
