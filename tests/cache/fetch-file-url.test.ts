/**
 * fetch(new URL(..., import.meta.url)) in a route file (a Next edge route's asset, how next/og
 * routes load fonts): the file's bytes, at module scope and in a handler; refused outside the
 * project folder and for dot-files, with the reason as the error's cause; a string is never read.
 */
import { describe, expect, test } from '@jest/globals';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../server/app';

const dir = realpathSync(path.join(__dirname, '..', 'fixtures', 'file-url-app'));
const asset = path.join(dir, 'app', 'api', 'asset');
const app = createApp({ dir });

describe('fetch of a file: URL', () => {
  test.each([
    ['at module scope (the asset pattern)', '/api/asset', 200, 'hello from a file\n'],
    ['in the handler', '/api/asset?f=./hello.txt', 200, 'hello from a file\n'],
  ])('%s: the file', async (_, url, status, body) => {
    const res = await request(app).get(url);
    expect([res.status, res.text]).toEqual([status, body]);
  });

  test.each([
    [
      'a missing file',
      './missing.ttf',
      `nextpress: there is no file at ${path.join(asset, 'missing.ttf')} (fetch of file://${path.join(asset, 'missing.ttf')}); fix the path, relative to the file that builds the URL`,
    ],
    [
      'a dot-file',
      './.secret.txt',
      `nextpress: ${path.join(asset, '.secret.txt')} is a dot-file or inside a dot-folder; nextpress does not read those through fetch`,
    ],
    [
      'a file outside the project',
      path.join(__dirname, 'fetch-file-url.test.ts'),
      `nextpress: ${path.join(realpathSync(__dirname), 'fetch-file-url.test.ts')} is outside the project folder`,
    ],
  ])('%s: TypeError "fetch failed", the reason as its cause', async (_, f, cause) => {
    const res = await request(app).get(`/api/asset?f=${encodeURIComponent(f)}`);
    expect(res.status).toBe(500);
    expect(res.body.message).toBe('fetch failed');
    expect((res.body.cause as string).startsWith(cause)).toBe(true);
  });

  test("a string is the platform's fetch: Node's own error, the file unread", async () => {
    const res = await request(app).get(`/api/asset?f=${encodeURIComponent(`string:file://${path.join(asset, 'hello.txt')}`)}`);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ message: 'fetch failed', cause: 'not implemented... yet...' });
  });
});
