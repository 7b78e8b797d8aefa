import { afterEach, describe, expect, jest, test } from '@jest/globals';
import express from 'express';
import { Agent, createServer, get, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { healthRoutes } from '../../middleware/health';
import { drain, handleShutdown } from '../../server/lifecycle/shutdown';

const servers: Server[] = [];

afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

interface Drainable {
  draining: boolean;
  pendingAfter(): Promise<void>;
}

/** An app with readiness, a slow stream (`/stream?n=5`: a chunk every 50 ms) and a never-ending one. */
async function start(nextpress: Drainable = { draining: false, pendingAfter: async () => undefined }) {
  const app = express();
  app.use(healthRoutes({ livePath: '/healthz', readyPath: '/readyz', isReady: () => !nextpress.draining }));
  app.get('/stream', (req, res) => {
    const total = Number(req.query.n ?? 5);
    res.writeHead(200, { 'content-type': 'text/plain' });
    let sent = 0;
    const timer = setInterval(() => {
      res.write(`chunk ${sent}\n`);
      if (++sent === total) {
        clearInterval(timer);
        res.end();
      }
    }, 50);
    res.on('close', () => clearInterval(timer));
  });
  app.get('/forever', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('start\n');
  });
  app.get('/quick', (_req, res) => {
    res.send('quick');
  });
  const server = createServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, nextpress };
}

function firstChunk(res: IncomingMessage): Promise<void> {
  return new Promise((resolve) => res.once('data', () => resolve()));
}

function readAll(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (body += chunk));
    res.on('end', () => resolve(body));
    res.on('error', reject);
  });
}

function request(port: number, path: string, agent?: Agent): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => get({ host: '127.0.0.1', port, path, agent }, resolve).on('error', reject));
}

describe('drain', () => {
  test('lets an in-flight stream finish, then resolves true', async () => {
    const { server, port, nextpress } = await start();
    const res = await request(port, '/stream?n=6');
    await firstChunk(res);
    const body = readAll(res);
    const drained = drain(server, nextpress, 5_000);
    expect(nextpress.draining).toBe(true);
    expect(await drained).toBe(true);
    expect(await body).toBe('chunk 1\nchunk 2\nchunk 3\nchunk 4\nchunk 5\n');
    expect(server.listening).toBe(false);
  });

  test('refuses new connections at once', async () => {
    const { server, port, nextpress } = await start();
    const res = await request(port, '/stream?n=4');
    await firstChunk(res);
    const drained = drain(server, nextpress, 5_000);
    await expect(request(port, '/quick')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    res.resume();
    expect(await drained).toBe(true);
  });

  test('a request arriving on a busy connection sees readiness 503 and Connection: close', async () => {
    const { server, port, nextpress } = await start();
    const socket = connect(port, '127.0.0.1');
    let raw = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (raw += chunk));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write('GET /stream?n=6 HTTP/1.1\r\nHost: test\r\n\r\n');
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    const drained = drain(server, nextpress, 5_000);
    // Pipelined behind the stream: handled now, answered once the stream ends.
    socket.write('GET /readyz HTTP/1.1\r\nHost: test\r\n\r\n');
    expect(await drained).toBe(true);
    await closed;
    const second = raw.slice(raw.lastIndexOf('HTTP/1.1 '));
    expect(raw).toContain('chunk 5\n');
    expect(second).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(second).toMatch(/\r\nConnection: close\r\n/i);
    expect(second).toMatch(/\r\ncache-control: no-store\r\n/i);
    expect(second.endsWith('\r\n\r\n{"status":"draining"}')).toBe(true);
  });

  test('closes idle keep-alive sockets instead of waiting for their timeout', async () => {
    const { server, port, nextpress } = await start();
    const agent = new Agent({ keepAlive: true });
    try {
      const res = await request(port, '/quick', agent);
      expect(await readAll(res)).toBe('quick');
      expect(res.headers.connection).toBe('keep-alive');
      const started = Date.now();
      expect(await drain(server, nextpress, 5_000)).toBe(true);
      expect(Date.now() - started).toBeLessThan(3_000); // well under Node's 5 s keep-alive timeout, which it would otherwise wait out
    } finally {
      agent.destroy();
    }
  });

  test('waits for pending after() work once the connections are closed', async () => {
    let finished = false;
    const pendingAfter = jest.fn(() => new Promise<void>((resolve) => setTimeout(() => ((finished = true), resolve()), 200)));
    const { server, nextpress } = await start({ draining: false, pendingAfter });
    expect(await drain(server, nextpress, 5_000)).toBe(true);
    expect(pendingAfter).toHaveBeenCalledTimes(1);
    expect(finished).toBe(true);
  });

  test('a failed after() still counts as finished', async () => {
    const { server, nextpress } = await start({ draining: false, pendingAfter: () => Promise.reject(new Error('boom')) });
    expect(await drain(server, nextpress, 5_000)).toBe(true);
  });

  test('gives up after timeoutMs: resolves false and cuts what is still open', async () => {
    const { server, port, nextpress } = await start();
    const res = await request(port, '/forever');
    await firstChunk(res);
    const ended = new Promise<void>((resolve) => res.on('close', () => resolve()));
    const started = Date.now();
    expect(await drain(server, nextpress, 300)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await ended;
  });
});

describe('handleShutdown', () => {
  test('begin drains once and exits 0; later calls are the same shutdown', async () => {
    const { server, nextpress } = await start();
    const exit = jest.fn();
    const logger = { info: jest.fn(), warn: jest.fn() };
    const shutdown = handleShutdown({ server, nextpress, timeoutMs: 1_000, logger, exit });
    try {
      const first = shutdown.begin('test');
      expect(shutdown.begin('again')).toBe(first);
      await first;
      expect(exit).toHaveBeenCalledTimes(1);
      expect(exit).toHaveBeenCalledWith(0);
      expect(nextpress.draining).toBe(true);
      expect(logger.info).toHaveBeenCalledWith({ reason: 'test', timeoutMs: 1_000 }, 'Shutting down (test): finishing in-flight requests');
    } finally {
      shutdown.dispose();
    }
  });

  test('exits 1 when the timeout passes', async () => {
    const { server, port, nextpress } = await start();
    const res = await request(port, '/forever');
    await firstChunk(res);
    res.on('error', () => undefined);
    const exit = jest.fn();
    const logger = { info: jest.fn(), warn: jest.fn() };
    const shutdown = handleShutdown({ server, nextpress, timeoutMs: 200, logger, exit });
    try {
      await shutdown.begin('test');
      expect(exit).toHaveBeenCalledWith(1);
      expect(logger.warn).toHaveBeenCalledWith({ timeoutMs: 200 }, 'Shutdown timed out after 200 ms; open connections were closed');
    } finally {
      shutdown.dispose();
    }
  });

  test('delayMs: readiness answers 503 on new connections and requests are still served for that long, then the listener closes and it exits 0', async () => {
    const { server, port, nextpress } = await start();
    const exit = jest.fn();
    const logger = { info: jest.fn(), warn: jest.fn() };
    const shutdown = handleShutdown({ server, nextpress, timeoutMs: 1_000, delayMs: 400, logger, exit });
    try {
      const started = Date.now();
      const done = shutdown.begin('test');
      expect(nextpress.draining).toBe(true);
      const ready = await request(port, '/readyz');
      expect([ready.statusCode, await readAll(ready)]).toEqual([503, '{"status":"draining"}']);
      const quick = await request(port, '/quick');
      expect([quick.statusCode, await readAll(quick)]).toEqual([200, 'quick']);
      expect(server.listening).toBe(true);
      expect(logger.info).toHaveBeenCalledWith(
        { reason: 'test', delayMs: 400 },
        'Shutting down (test): readiness answers 503; still accepting for 400 ms (SHUTDOWN_DELAY_MS)',
      );
      await done;
      expect(Date.now() - started).toBeGreaterThanOrEqual(390);
      expect(server.listening).toBe(false);
      expect(exit.mock.calls).toEqual([[0]]);
      await expect(request(port, '/quick', new Agent())).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      shutdown.dispose();
    }
  });

  test('dispose removes the signal handlers', async () => {
    const { server, nextpress } = await start();
    const before = [process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')];
    const shutdown = handleShutdown({ server, nextpress, timeoutMs: 1_000, logger: { info: jest.fn(), warn: jest.fn() }, exit: jest.fn() });
    expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]).toEqual([before[0] + 1, before[1] + 1]);
    shutdown.dispose();
    expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]).toEqual(before);
  });
});
