/**
 * Route files written for each era of Next.js, served by createApp through real HTTP: Next 13/14
 * style (tests/fixtures/compat-13) and Next 15/16 style (tests/fixtures/compat-15) must give the
 * answers listed in era-cases.ts.
 */
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import path from 'node:path';
import { createApp } from 'nextpress';
import { previewModeId } from '../../server/next/preview-mode-id';
import { recordingLogger, serve, type Served } from '../helpers/serve';
import { ERA_CASES, type Client, type Era } from './era-cases';

describe.each([
  ['13', 'Next 13/14 style (sync headers(), cookies(), params)'],
  ['15', 'Next 15/16 style (await headers(), cookies(), params)'],
] as const)('compat-%s: %s', (era: Era, _style: string) => {
  const log = recordingLogger();
  const app = createApp({ routesDir: path.join(__dirname, '..', 'fixtures', `compat-${era}`), logger: log.logger });
  let served: Served;
  const client: Client = {
    get: (route, init) => fetch(served.url + route, { redirect: 'manual', ...init }),
    loggedErrors: () =>
      log.lines.filter((line) => line.level === 'error').map((line) => ({ msg: line.msg, error: (line.obj.err as Error | undefined)?.message })),
    draftId: previewModeId(),
  };

  beforeAll(async () => {
    served = await serve(app);
  });
  afterAll(async () => {
    await app.locals.nextpress.pendingAfter();
    await served.close();
  });

  test.each(ERA_CASES.filter((entry) => entry.eras.includes(era)).map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    await entry.run(client, era);
  });
});
