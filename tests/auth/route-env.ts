/**
 * @module Test helper: environment variables as route files see them. Route files are loaded by
 * jiti and run in Node's own realm, whose process.env is not the copy jest gives a test file, so
 * `process.env.X = ...` in a test does not reach them. `useRouteEnv` sets variables in both for
 * the file's tests and puts the old values back afterwards (jest reuses its worker processes).
 */
import { afterAll, beforeAll } from '@jest/globals';
import path from 'node:path';
import { loadRouteModule } from '../../server/loading/load-route-module';

type SetEnv = (vars: Record<string, string | undefined>) => Record<string, string | undefined>;

async function routeRealmSetEnv(): Promise<SetEnv> {
  const file = path.join(__dirname, '../fixtures/auth-env/set-env.ts');
  return (await loadRouteModule(file, 'set-env.ts')).setEnv as SetEnv;
}

export function useRouteEnv(vars: Record<string, string | undefined>): void {
  let restore: Record<string, string | undefined> = {};
  const jestPrevious: Record<string, string | undefined> = {};
  beforeAll(async () => {
    restore = (await routeRealmSetEnv())(vars);
    for (const [name, value] of Object.entries(vars)) {
      jestPrevious[name] = process.env[name];
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  afterAll(async () => {
    (await routeRealmSetEnv())(restore);
    for (const [name, value] of Object.entries(jestPrevious)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}
