import { describe, expect, test } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { trustedForwardedHeaders } from '../../server/auth/trusted-forwarded-headers';

function echo(trustProxy: boolean) {
  const app = express();
  app.set('trust proxy', trustProxy);
  app.use(trustedForwardedHeaders());
  app.get('/', (req, res) => {
    const raw: Record<string, string[]> = {};
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i].toLowerCase();
      if (name.startsWith('x-forwarded-')) (raw[name] ??= []).push(req.rawHeaders[i + 1]);
    }
    res.json({ proto: req.headers['x-forwarded-proto'] ?? null, host: req.headers['x-forwarded-host'] ?? null, raw });
  });
  return app;
}

// [trust proxy, sent headers, what route code sees afterwards (headers and rawHeaders agree)]
const CASES: Array<[boolean, Record<string, string>, { proto: string | null; host: string | null }]> = [
  [false, {}, { proto: null, host: null }],
  [false, { 'x-forwarded-proto': 'https' }, { proto: 'http', host: null }],
  [false, { 'x-forwarded-host': 'evil.example' }, { proto: null, host: 'app.test' }],
  [false, { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'evil.example' }, { proto: 'http', host: 'app.test' }],
  [true, { 'x-forwarded-proto': 'https' }, { proto: 'https', host: null }],
  [true, { 'x-forwarded-proto': 'https, http', 'x-forwarded-host': 'public.example' }, { proto: 'https', host: 'public.example' }],
];

describe('trustedForwardedHeaders', () => {
  test.each(CASES)('trust proxy %s, sent %j → %j', async (trust, sent, seen) => {
    const response = await request(echo(trust)).get('/').set('host', 'app.test').set(sent);
    const raw: Record<string, string[]> = {};
    if (seen.proto !== null) raw['x-forwarded-proto'] = [seen.proto];
    if (seen.host !== null) raw['x-forwarded-host'] = [seen.host];
    expect(response.body).toEqual({ ...seen, raw });
  });
});
