/**
 * The article's examples in routes/ (written as the article writes them, next/* imports
 * included), through real HTTP: the redirect example, the headers() example, and the GitHub
 * search example against a local stand-in for the GitHub API (GITHUB_API_URL).
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from 'nextpress';
import { recordingLogger, serve, type Served } from '../helpers/serve';

const app = createApp({ routesDir: path.join(__dirname, '..', '..', 'routes'), logger: recordingLogger().logger });
let served: Served;

beforeAll(async () => {
  served = await serve(app);
});
afterAll(async () => {
  delete process.env.GITHUB_API_URL;
  await served.close();
});

describe("/api/redirect-to-user (the article's redirect() example)", () => {
  test('answers 307 to the [user] route with an empty body', async () => {
    const res = await fetch(`${served.url}/api/redirect-to-user`, { redirect: 'manual' });
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe('/api/username/John Doe');
    expect(await res.text()).toBe('');
  });

  test('followed, it lands on the dynamic route with the name', async () => {
    const res = await fetch(`${served.url}/api/redirect-to-user`);
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${served.url}/api/username/John%20Doe`);
    expect(await res.text()).toBe('Welcome to my Next application, user: John Doe');
  });
});

describe("/api/content-type (the article's headers() example)", () => {
  test("echoes the request's Content-Type", async () => {
    const res = await fetch(`${served.url}/api/content-type`, { headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe('We are using the content-type header!');
  });

  test('without one, the header is the text "null", as the same code gives in Next', async () => {
    const res = await fetch(`${served.url}/api/content-type`);
    expect(res.headers.get('content-type')).toBe('null');
  });
});

describe("/api/github-users (the article's static GitHub search example)", () => {
  let github: Server;
  let githubUrl: string;
  const seen: string[] = [];
  let answer: { status: number; type: string; body: string } = { status: 200, type: 'application/json', body: '{}' };

  beforeAll(async () => {
    github = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(answer.status, { 'content-type': answer.type });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => github.listen(0, '127.0.0.1', resolve));
    githubUrl = `http://127.0.0.1:${(github.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    github.closeAllConnections();
    await new Promise<void>((resolve) => github.close(() => resolve()));
  });

  const get = async () => {
    const res = await fetch(`${served.url}/api/github-users`);
    return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
  };

  /** The client gets no detail (no upstream address, no socket error); the log gets all of it. */
  const getUnavailable = async () => {
    const logged: string[] = [];
    // Route files run outside jest's sandbox (the engine's loader), where console writes to the real stderr.
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((line: unknown) => (logged.push(String(line).trimEnd()), true));
    try {
      const answered = await get();
      expect(answered).toEqual({ status: 502, type: 'application/json', body: { error: 'upstream unavailable' } });
      return logged;
    } finally {
      spy.mockRestore();
    }
  };

  test('asks for three users named richard and answers their JSON', async () => {
    const users = { total_count: 3, incomplete_results: false, items: [{ login: 'richard' }, { login: 'richardr' }, { login: 'richards' }] };
    answer = { status: 200, type: 'application/json; charset=utf-8', body: JSON.stringify(users) };
    process.env.GITHUB_API_URL = `${githubUrl}/`;
    seen.length = 0;
    expect(await get()).toEqual({ status: 200, type: 'application/json', body: users });
    expect(seen).toEqual(['/search/users?q=richard&per_page=3']);
  });

  test('an unreachable API answers 502 "upstream unavailable"; the log names it', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    process.env.GITHUB_API_URL = `http://127.0.0.1:${port}`;
    expect(await getUnavailable()).toEqual([
      `[api/github-users] Could not reach the GitHub API at http://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}. Check the network or set GITHUB_API_URL.`,
    ]);
  });

  test('an error from the API (e.g. the rate limit) answers 502; the log has its message', async () => {
    answer = { status: 403, type: 'application/json', body: JSON.stringify({ message: 'API rate limit exceeded' }) };
    process.env.GITHUB_API_URL = githubUrl;
    expect(await getUnavailable()).toEqual([`[api/github-users] The GitHub API at ${githubUrl} answered 403: API rate limit exceeded.`]);
  });

  test('an answer that is not JSON answers 502', async () => {
    answer = { status: 200, type: 'text/html', body: '<html>maintenance</html>' };
    process.env.GITHUB_API_URL = githubUrl;
    expect(await getUnavailable()).toEqual([`[api/github-users] The GitHub API at ${githubUrl} answered 200 with a body that is not JSON.`]);
  });
});
