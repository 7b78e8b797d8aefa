/**
 * Hostile input against the real CLI (a production process on a loopback port), one class per
 * describe. Every case asserts the exact answer (or a clean close) and, after it, that the same
 * process still answers /healthz: one bad request must never take the server down.
 *
 * The routes are tests/fixtures/hostile (handlers that echo input into headers, hang, throw
 * non-Errors, stream and fail). Timeouts are short here so slow clients are bounded in seconds.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { buildCli, cleanUp, listeningUrl, runCli, type CliRun, type LogLine } from '../cli/helpers';
import { parseResponse, rawExchange, requestText } from './raw-http';

const ROUTES = path.join(__dirname, '..', 'fixtures', 'hostile');
const HEADERS_TIMEOUT_MS = 2000;
const REQUEST_TIMEOUT_MS = 4000;
const ERROR = 50;
const FATAL = 60;

let cli: string;
let run: CliRun;
let url: string;
let port: number;
let pid: number;

beforeAll(async () => {
  cli = buildCli();
  run = runCli(cli, ROUTES, {
    ROUTES_DIR: ROUTES,
    BODY_LIMIT: '64kb',
    HEADERS_TIMEOUT_MS: `${HEADERS_TIMEOUT_MS}ms`,
    REQUEST_TIMEOUT_MS: `${REQUEST_TIMEOUT_MS}ms`,
  });
  url = await listeningUrl(run);
  port = Number(new URL(url).port);
  pid = ((await (await fetch(`${url}/pid`)).json()) as { pid: number }).pid;
}, 30_000);

afterAll(() => cleanUp());

// The invariant of the whole suite: after every case, the same process answers.
afterEach(async () => {
  const res = await fetch(`${url}/healthz`);
  expect(res.status).toBe(200);
  expect(run.child.exitCode).toBeNull();
  expect(((await (await fetch(`${url}/pid`)).json()) as { pid: number }).pid).toBe(pid);
  expect(run.lines.filter((line) => line.level === FATAL)).toEqual([]);
});

/** One request on its own connection; the parsed first response. */
async function send(method: string, target: string, headerLines: string[] = [], body = '') {
  const exchange = await rawExchange(port, requestText(method, target, headerLines, body));
  return parseResponse(exchange.text);
}

/** Log lines written from now on that match. */
function logSince(): (match: (line: LogLine) => boolean) => LogLine[] {
  const start = run.lines.length;
  return (match) => run.lines.slice(start).filter(match);
}

async function settle(ms = 50): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

describe('control characters in what a handler sends', () => {
  test.each([
    ['\\x01 in a header value', '/echo-header?v=a%01b'],
    ['\\x1f in a header value', '/echo-header?v=%1F'],
    ['\\x7f in a header value', '/echo-header?v=a%7Fb'],
  ])('%s: an empty 500, logged naming the header and the route file', async (_name, target) => {
    const logged = logSince();
    const res = await send('GET', target);
    expect([res.status, res.headers['content-length'], res.body, res.headers['x-echo']]).toEqual([500, undefined, '', undefined]);
    await settle();
    const errors = logged((line) => line.level === ERROR);
    expect(errors.map((line) => line.msg)).toEqual([
      `Invalid response from route handler 'echo-header/route.ts': The response could not be sent: Invalid character in header content ["x-echo"]. A header name or value holds a character HTTP does not allow (often a control character copied from the request); encode or validate it before setting it.`,
    ]);
    expect(errors[0].file).toBe('echo-header/route.ts');
  });

  test('a newline in a header value: undici refuses it in the handler, an empty 500', async () => {
    const res = await send('GET', '/echo-header?v=a%0Ab');
    expect([res.status, res.body]).toEqual([500, '']);
  });

  test('a plain value still goes out', async () => {
    const res = await send('GET', '/echo-header?v=fine');
    expect([res.status, res.headers['x-echo'], res.body]).toEqual([200, 'fine', 'ok']);
  });

  test.each([
    ['a newline', '/go?to=/a%0Ab'],
    ['\\x01', '/go?to=/a%01b'],
    ['a carriage return', '/go?to=/a%0Db'],
  ])('redirect() to a target with %s: an empty 500, logged', async (_name, target) => {
    const logged = logSince();
    const res = await send('GET', target);
    expect([res.status, res.headers.location, res.body]).toEqual([500, undefined, '']);
    await settle();
    expect(logged((line) => line.level === ERROR).map((line) => line.file)).toEqual(['go/route.ts']);
  });

  test('redirect() to a clean target: 307 with its Location', async () => {
    const res = await send('GET', '/go?to=/fine');
    expect([res.status, res.headers.location]).toEqual([307, '/fine']);
  });

  test('a cached (force-static) response with such a header: an empty 500 on the miss and on every hit', async () => {
    const logged = logSince();
    for (let i = 0; i < 3; i++) {
      const res = await send('GET', '/cached-bad-header');
      expect([res.status, res.headers['x-bad'], res.body]).toEqual([500, undefined, '']);
    }
    await settle();
    expect(logged((line) => line.level === ERROR)).toHaveLength(3);
  });

  test('a cookie value with a control character is percent-encoded by the cookie serializer', async () => {
    const res = await send('GET', '/echo-cookie?v=a%01b');
    expect([res.status, res.headers['set-cookie']]).toEqual([200, 'c=a%01b; Path=/']);
  });

  test('a cookie name with a control character: an empty 500', async () => {
    const res = await send('GET', '/echo-cookie?name=a%01b&v=1');
    expect([res.status, res.headers['set-cookie'], res.body]).toEqual([500, undefined, '']);
  });
});

describe('invalid Host', () => {
  test.each([['a b'], ['['], ['x:99999'], ['a/b'], ['1.2.3.999']])('Host: %s -> 400 with the reason', async (host) => {
    const res = await send('GET', '/url', [`Host: ${host}`]);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ error: `Invalid Host header ${JSON.stringify(host)}: expected a host name or IP address, optionally with a port` });
  });

  test('a valid Host reaches the handler in request.url', async () => {
    const res = await send('GET', '/url?q=1', ['Host: example.test:8080']);
    expect([res.status, JSON.parse(res.body)]).toEqual([200, { url: 'http://example.test:8080/url?q=1', pathname: '/url' }]);
  });

  test('X-Forwarded-Host is not trusted without TRUST_PROXY, so a bad one changes nothing', async () => {
    const res = await send('GET', '/url', ['X-Forwarded-Host: a b']);
    expect([res.status, JSON.parse(res.body).url]).toEqual([200, 'http://127.0.0.1/url']);
  });
});

describe('malformed bodies', () => {
  test('JSON that does not parse -> 400 with the reason', async () => {
    const res = await send('POST', '/json', ['Content-Type: application/json', 'Content-Length: 8'], 'not json');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error).toMatch(/^Malformed JSON in request body: /);
  });

  const form = (type: string | undefined, body: string) =>
    send('POST', '/form', [...(type === undefined ? [] : [`Content-Type: ${type}`]), `Content-Length: ${Buffer.byteLength(body)}`], body);

  test.each<[string, string | undefined, string, string]>([
    [
      'a wrong Content-Type',
      'text/plain',
      'a=1',
      "Malformed form data in request body: Content-Type is 'text/plain'; expected multipart/form-data (with a boundary) or application/x-www-form-urlencoded",
    ],
    [
      'no Content-Type',
      undefined,
      'a=1',
      'Malformed form data in request body: Content-Type is missing; expected multipart/form-data (with a boundary) or application/x-www-form-urlencoded',
    ],
    [
      'multipart without a boundary',
      'multipart/form-data',
      '--x\r\n',
      "Malformed form data in request body: Content-Type 'multipart/form-data' has no boundary parameter",
    ],
  ])('formData() with %s -> 400 naming it', async (_name, type, body, message) => {
    const res = await form(type, body);
    expect([res.status, JSON.parse(res.body)]).toEqual([400, { error: message }]);
  });

  test.each([
    ['a truncated part', '--XB\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue-without-end'],
    ['garbage', 'this is not multipart at all'],
  ])('multipart with %s -> 400', async (_name, body) => {
    const res = await form('multipart/form-data; boundary=XB', body);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error).toMatch(/^Malformed form data in request body: /);
  });

  test('a well-formed urlencoded and multipart form still parse', async () => {
    const url1 = await form('application/x-www-form-urlencoded', 'a=1&b=two');
    expect([url1.status, JSON.parse(url1.body)]).toEqual([
      200,
      {
        entries: [
          ['a', '1'],
          ['b', 'two'],
        ],
      },
    ]);
    const multipart = '--XB\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--XB--\r\n';
    const mp = await form('multipart/form-data; boundary=XB', multipart);
    expect([mp.status, JSON.parse(mp.body)]).toEqual([200, { entries: [['a', '1']] }]);
  });
});

describe('bodies over BODY_LIMIT (64 KB)', () => {
  const big = 'x'.repeat(70 * 1024);

  test('declared: 413 before the handler reads', async () => {
    const res = await send('POST', '/upload', [`Content-Length: ${big.length}`], big);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error).toBe(
      'The request body (content-length 71680) exceeds the limit of 64 KB (BODY_LIMIT). Send a smaller body or raise BODY_LIMIT.',
    );
  });

  test('chunked, streamed past the limit: 413', async () => {
    const chunked = `${(big.length).toString(16)}\r\n${big}\r\n0\r\n\r\n`;
    const res = await send('POST', '/upload', ['Transfer-Encoding: chunked'], chunked);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error).toBe('The request body streamed past the limit of 64 KB (BODY_LIMIT). Send a smaller body or raise BODY_LIMIT.');
  });

  test('Expect: 100-continue with a declared body over the limit: 413, and no 100 Continue', async () => {
    const exchange = await rawExchange(port, requestText('POST', '/upload', ['Content-Length: 1000000', 'Expect: 100-continue']));
    expect(exchange.text.startsWith('HTTP/1.1 413 ')).toBe(true);
    expect(exchange.text).not.toContain('100 Continue');
  });

  test('Expect: 100-continue within the limit: 100 Continue, then the answer', async () => {
    const exchange = await rawExchange(port, '', {
      write(socket) {
        socket.write(requestText('POST', '/upload', ['Content-Length: 5', 'Expect: 100-continue']));
        socket.once('data', () => socket.write('hello'));
      },
    });
    expect(exchange.text.startsWith('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK')).toBe(true);
    expect(parseResponse(exchange.text.slice(exchange.text.indexOf('HTTP/1.1 200'))).body).toBe('{"length":5}');
  });
});

describe('floods and malformed framing', () => {
  test('a 100 KB header: 431', async () => {
    const res = await send('GET', '/ok', [`X-Big: ${'a'.repeat(100 * 1024)}`]);
    expect(res.status).toBe(431);
  });

  test('500 headers within the size limit: answered', async () => {
    const res = await send(
      'GET',
      '/ok?n=1',
      Array.from({ length: 500 }, (_, i) => `X-H${i}: v`),
    );
    expect([res.status, res.body]).toEqual([200, 'ok 1']);
  });

  test('a 100 KB URL: 431', async () => {
    const res = await send('GET', `/ok?q=${'a'.repeat(100 * 1024)}`);
    expect(res.status).toBe(431);
  });

  test('bad percent-encoding in the path: 400; in the query: the handler runs', async () => {
    const path = await send('GET', '/item/%ZZ');
    expect(path.status).toBe(400);
    const query = await send('GET', '/ok?n=%ZZ');
    expect([query.status, query.body]).toEqual([200, 'ok %ZZ']);
  });

  test.each([['abc'], ['-1'], ['1, 2']])('Content-Length: %s -> 400 from the HTTP parser', async (length) => {
    const res = await send('POST', '/upload', [`Content-Length: ${length}`], 'abc');
    expect(res.status).toBe(400);
  });

  test('Content-Length and Transfer-Encoding together (request smuggling): 400', async () => {
    const exchange = await rawExchange(
      port,
      'POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /stats HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
    );
    expect(parseResponse(exchange.text).status).toBe(400);
    expect(exchange.text.match(/HTTP\/1\.1 /g)).toHaveLength(1); // the smuggled GET is never answered
  });

  test('three pipelined requests: three answers, in order', async () => {
    const one = (n: number, last: boolean) => `GET /ok?n=${n} HTTP/1.1\r\nHost: 127.0.0.1\r\n${last ? 'Connection: close\r\n' : ''}\r\n`;
    const exchange = await rawExchange(port, one(1, false) + one(2, false) + one(3, true));
    const bodies = [...exchange.text.matchAll(/\r\n\r\n(ok \d)/g)].map((match) => match[1]);
    expect(bodies).toEqual(['ok 1', 'ok 2', 'ok 3']);
  });
});

describe('slow clients are cut within about a second of their timeout', () => {
  test(`slowloris (a header byte every 300 ms): closed with 408 after HEADERS_TIMEOUT_MS (${HEADERS_TIMEOUT_MS} ms)`, async () => {
    let timer: NodeJS.Timeout | undefined;
    const exchange = await rawExchange(port, '', {
      timeoutMs: HEADERS_TIMEOUT_MS + 4000,
      write(socket) {
        socket.write('GET /ok HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
        timer = setInterval(() => socket.write('a'), 300);
        socket.once('close', () => clearInterval(timer));
      },
    });
    clearInterval(timer);
    expect(exchange.closed).toBe('end');
    expect(exchange.text.startsWith('HTTP/1.1 408 ')).toBe(true);
    expect(exchange.ms).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
    expect(exchange.ms).toBeLessThan(HEADERS_TIMEOUT_MS + 1500);
  }, 15_000);

  test(`a body at 1 byte per 300 ms: closed after REQUEST_TIMEOUT_MS (${REQUEST_TIMEOUT_MS} ms)`, async () => {
    let timer: NodeJS.Timeout | undefined;
    const exchange = await rawExchange(port, '', {
      timeoutMs: REQUEST_TIMEOUT_MS + 4000,
      write(socket) {
        socket.write(requestText('POST', '/upload', ['Content-Length: 1000']));
        timer = setInterval(() => socket.write('a'), 300);
        socket.once('close', () => clearInterval(timer));
      },
    });
    clearInterval(timer);
    expect(exchange.closed).toBe('end');
    expect(exchange.ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    expect(exchange.ms).toBeLessThan(REQUEST_TIMEOUT_MS + 1500);
  }, 15_000);
});

describe('clients that leave', () => {
  test('mid-upload: not logged as an error, the handler never completes its read', async () => {
    const logged = logSince();
    const before = ((await (await fetch(`${url}/stats`)).json()) as { uploadsRead: number }).uploadsRead;
    await rawExchange(port, '', {
      timeoutMs: 300,
      write(socket) {
        socket.write(requestText('POST', '/upload', ['Content-Length: 10000'], 'x'.repeat(100)));
        setTimeout(() => socket.resetAndDestroy(), 50);
      },
    });
    await settle(200);
    expect(logged((line) => (line.level ?? 0) >= ERROR)).toEqual([]);
    expect(((await (await fetch(`${url}/stats`)).json()) as { uploadsRead: number }).uploadsRead).toBe(before);
  });

  test('mid-download: the body stream is cancelled, nothing logged as an error', async () => {
    const logged = logSince();
    const before = ((await (await fetch(`${url}/stats`)).json()) as { cancelled: number }).cancelled;
    await rawExchange(port, '', {
      timeoutMs: 2000,
      write(socket) {
        socket.write(requestText('GET', '/download'));
        socket.once('data', () => socket.destroy());
      },
    });
    await settle(200);
    expect(((await (await fetch(`${url}/stats`)).json()) as { cancelled: number }).cancelled).toBe(before + 1);
    expect(logged((line) => (line.level ?? 0) >= ERROR)).toEqual([]);
  });
});

describe('handlers that misbehave', () => {
  test.each([['string'], ['null'], ['undefined'], ['object'], ['number']])('throws a %s: an empty 500, logged', async (kind) => {
    const logged = logSince();
    const res = await send('GET', `/throws?kind=${kind}`);
    expect([res.status, res.headers['content-length'], res.body]).toEqual([500, undefined, '']);
    await settle();
    expect(logged((line) => line.level === ERROR).map((line) => line.msg)).toEqual(["Error in route handler 'throws/route.ts'"]);
  });

  test.each([
    ['number', 'Number'],
    ['string', 'string'],
    ['null', 'null'],
    ['object', 'Object'],
  ])("returns a %s: an empty 500 with Next's message", async (kind, described) => {
    const logged = logSince();
    const res = await send('GET', `/not-response?kind=${kind}`);
    expect([res.status, res.body]).toEqual([500, '']);
    await settle();
    const [line] = logged((l) => l.level === ERROR);
    expect(line.msg).toContain(
      `No response is returned from route handler 'not-response/route.ts'. Expected a Response object but received '${described === 'Number' ? 'number' : described}'`,
    );
  });

  test('never returns, maxDuration = 1: 504 after about a second, its signal aborted, logged', async () => {
    const logged = logSince();
    const before = ((await (await fetch(`${url}/stats`)).json()) as { aborted: number }).aborted;
    const exchange = await rawExchange(port, requestText('GET', '/hang'), { timeoutMs: 4000 });
    const res = parseResponse(exchange.text);
    expect([res.status, res.headers['content-length'], res.body]).toEqual([504, '0', '']);
    expect(exchange.ms).toBeGreaterThanOrEqual(950);
    expect(exchange.ms).toBeLessThan(2500);
    expect(((await (await fetch(`${url}/stats`)).json()) as { aborted: number }).aborted).toBe(before + 1);
    expect(logged((line) => line.level === ERROR).map((line) => line.msg)).toEqual([
      "Route handler 'hang/route.ts' did not finish its response within 1000 ms (maxDuration, or HANDLER_TIMEOUT_MS); answered 504",
    ]);
  });

  test('a stream that stalls after its first chunk, maxDuration = 1: the connection is cut', async () => {
    const exchange = await rawExchange(port, requestText('GET', '/hang-stream'), { timeoutMs: 4000 });
    expect(exchange.text.startsWith('HTTP/1.1 200 OK')).toBe(true);
    expect(exchange.text).toContain('first ');
    expect(exchange.text.endsWith('0\r\n\r\n')).toBe(false); // never a clean end
    expect(exchange.closed).not.toBe('timeout');
    expect(exchange.ms).toBeLessThan(2500);
  });

  test('a stream failing before its first chunk, after the first turn: an empty 500 (headers wait for the first chunk)', async () => {
    const res = await send('GET', '/stream-fail?when=early');
    expect([res.status, res.headers['content-length'], res.body]).toEqual([500, '0', '']);
  });

  test('a stream failing after its first chunk: 200, then the connection is cut (no clean end)', async () => {
    const exchange = await rawExchange(port, requestText('GET', '/stream-fail?when=late'));
    expect(exchange.text.startsWith('HTTP/1.1 200 OK')).toBe(true);
    expect(exchange.text).toContain('sent ');
    expect(exchange.text.endsWith('0\r\n\r\n')).toBe(false);
  });
});
