/**
 * Cookies set by a handler before it throws control flow: a redirect carries them, notFound(),
 * forbidden() and unauthorized() do not (as next@16 answers; `npm run test:next` checks the 404).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createApp } from 'nextpress';
import { recordingLogger } from '../helpers/serve';

const dir = mkdtempSync(path.join(tmpdir(), 'nextpress-flow-cookies-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(path.join(dir, 'flow', '[kind]'), { recursive: true });
writeFileSync(
  path.join(dir, 'flow', '[kind]', 'route.ts'),
  `import { cookies } from 'next/headers';
import { forbidden, notFound, redirect, unauthorized } from 'next/navigation';

export async function GET(_request: Request, { params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  (await cookies()).set('set-before', kind);
  if (kind === 'redirect') redirect('/elsewhere');
  if (kind === 'not-found') notFound();
  if (kind === 'forbidden') forbidden();
  unauthorized();
}
`,
);
const app = createApp({ routesDir: dir, logger: recordingLogger().logger });

describe('cookies on thrown control flow', () => {
  test.each<[string, number, string[] | undefined]>([
    ['redirect', 307, ['set-before=redirect; Path=/']],
    ['not-found', 404, undefined],
    ['forbidden', 403, undefined],
    ['unauthorized', 401, undefined],
  ])('%s -> %i, Set-Cookie %j', async (kind, status, setCookie) => {
    const response = await request(app).get(`/flow/${kind}`);
    expect([response.status, response.headers['set-cookie']]).toEqual([status, setCookie]);
  });
});
