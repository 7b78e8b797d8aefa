/**
 * @module Test helper: HTTP/1.1 by hand over a TCP socket, for requests no client library will
 * send (control characters, bad Host, smuggling, pipelining, slow bytes, aborts).
 *
 *   rawExchange(port, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
 *     -> { text: 'HTTP/1.1 200 OK\r\n...', closed: 'end', ms: 3 }
 *   parseResponse(text) -> { status: 200, headers: { 'content-length': '2', ... }, body: 'ok' }
 */
import { connect, type Socket } from 'node:net';

export interface Exchange {
  /** Every byte the server sent, as latin1 text. */
  text: string;
  /** How the connection ended: the server closed it ('end'), reset it ('reset'), or we gave up ('timeout'). */
  closed: 'end' | 'reset' | 'timeout';
  /** Milliseconds from the first byte written to the end. */
  ms: number;
}

export interface RawOptions {
  /** Give up after this long (default 5 s). */
  timeoutMs?: number;
  /** Called once connected, to write the request in pieces (slowloris, aborts); default: write `request` at once. */
  write?: (socket: Socket) => void;
}

export function rawExchange(port: number, request: string | Buffer, options: RawOptions = {}): Promise<Exchange> {
  return new Promise((resolve) => {
    const started = Date.now();
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1');
    let done = false;
    const finish = (closed: Exchange['closed']) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closed, ms: Date.now() - started });
    };
    const timer = setTimeout(() => finish('timeout'), options.timeoutMs ?? 5000);
    socket.on('connect', () => (options.write ? options.write(socket) : socket.write(request)));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => finish('end'));
    socket.on('close', () => finish('end'));
    socket.on('error', () => finish('reset'));
  });
}

export interface ParsedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The first response in `text` (chunked bodies decoded); later pipelined responses are ignored. */
export function parseResponse(text: string): ParsedResponse {
  const end = text.indexOf('\r\n\r\n');
  if (end === -1) throw new Error(`no complete response head in ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  let body = text.slice(end + 4);
  if (headers['content-length'] !== undefined) body = body.slice(0, Number(headers['content-length']));
  else if (headers['transfer-encoding'] === 'chunked') body = decodeChunked(body);
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

function decodeChunked(text: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const lineEnd = text.indexOf('\r\n', at);
    if (lineEnd === -1) return out;
    const size = parseInt(text.slice(at, lineEnd), 16);
    if (!(size > 0)) return out;
    out += text.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}

/** `GET /path` with a Host and `Connection: close`, plus any extra header lines. */
export function requestText(method: string, path: string, headerLines: string[] = [], body = ''): string {
  const host = headerLines.some((line) => /^host:/i.test(line)) ? [] : ['Host: 127.0.0.1'];
  return [`${method} ${path} HTTP/1.1`, ...host, ...headerLines, 'Connection: close', '', body].join('\r\n');
}
