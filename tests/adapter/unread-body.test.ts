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

describe('a body over BODY_LIMIT, sent without waiting for the answer (as fetch sends it: no Expect: 100-continue)', () => {
  let limited: http.Server;
  let limitedPort: number;
  beforeAll(async () => {
    const app = createApp({ routesDir: path.join(__dirname, '..', 'fixtures', 'body-app'), bodyLimit: 1024 * 1024 });
    await app.locals.nextpress.ready;
    limited = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => limited.once('listening', resolve));
    limitedPort = (limited.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => limited.close(resolve)));

  test('a client that reads its answer late still reads the 413: the body it sent is read and dropped, the close is a FIN, not a reset', async () => {
    // The client keeps sending for 300 ms, reading nothing. Bytes that reach a closed socket make the
    // kernel send a reset, and a reset discards the answer the client has not read yet.
    const answer = await new Promise<string>((resolve) => {
      const socket = net.connect(limitedPort, '127.0.0.1');
      socket.pause();
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString('latin1')));
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(`${received.slice(0, 12)}... then ${error.code}`));
      socket.on('end', () => {
        socket.destroy();
        resolve(received);
      });
      socket.write(`POST /touch HTTP/1.1\r\nHost: localhost\r\nContent-Length: ${11 * 1024 * 1024}\r\n\r\n`);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const sending = setInterval(() => socket.writable && socket.write(chunk, () => {}), 5);
      setTimeout(() => {
        clearInterval(sending);
        socket.resume();
      }, 300);
    });
    const error = JSON.stringify({
      error: 'The request body (content-length 11534336) exceeds the limit of 1 MB (BODY_LIMIT). Send a smaller body or raise BODY_LIMIT.',
    });
    expect(answer.startsWith('HTTP/1.1 413 Payload Too Large\r\n')).toBe(true);
    expect(answer.endsWith(`\r\n\r\n${error}`)).toBe(true);
  });
});
