/**
 * createApp's `auth.nextAuthOptions`: the guard and auth() read sessions with your authOptions
 * (their cookie names, callbacks and secret), not next-auth's defaults.
 */
import { describe, expect, test } from '@jest/globals';
import type { NextAuthOptions } from 'next-auth';
import request from 'supertest';
import { createApp } from 'nextpress';
import { signSession } from 'nextpress/testing';
import { recordingLogger } from '../helpers/serve';
import { FIXTURE_ROUTES, OTHER_SECRET } from './helpers';

// Route files read these when they run; a test's process.env reaches them (jest gives each test file its own).
process.env.AUTH_TRUST_HOST = '1';
delete process.env.NEXTAUTH_URL;

const authOptions: NextAuthOptions = {
  secret: OTHER_SECRET,
  providers: [],
  cookies: { sessionToken: { name: 'my-session', options: { httpOnly: true, sameSite: 'lax', path: '/', secure: false } } },
  callbacks: { session: ({ session, token }) => ({ ...session, role: token.role }) },
};

const app = createApp({
  routesDir: FIXTURE_ROUTES,
  logger: recordingLogger().logger,
  auth: { provider: 'next-auth', nextAuthOptions: authOptions, protectedPaths: ['/api/me'] },
});

describe('auth.nextAuthOptions', () => {
  test('the session cookie under your cookie name, read with your secret and session callback', async () => {
    const { value } = await signSession({ id: 'ada', name: 'Ada', email: 'ada@example.test', role: 'admin' }, { provider: 'next-auth', secret: OTHER_SECRET });
    const response = await request(app).get('/api/me').set('cookie', `my-session=${value}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ session: { user: { name: 'Ada', email: 'ada@example.test' }, role: 'admin', expires: expect.any(String) } });
  });

  test('next-auth’s default cookie name is not read', async () => {
    const { value } = await signSession({ id: 'ada', name: 'Ada' }, { provider: 'next-auth', secret: OTHER_SECRET });
    const response = await request(app).get('/api/me').set('cookie', `next-auth.session-token=${value}`);
    expect([response.status, response.body]).toEqual([401, { error: 'Unauthorized' }]);
  });
});
