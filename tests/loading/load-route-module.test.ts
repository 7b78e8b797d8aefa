import { describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isNextpressError } from '../../server/errors';
import { loadRouteModule } from '../../server/loading/load-route-module';

describe('loadRouteModule', () => {
  test("a tsconfig that cannot be read (its `extends` names a package that is not installed) fails as the route's load error", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nextpress-bad-tsconfig-'));
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: 'not-installed-tsconfig/next.json' }));
    mkdirSync(path.join(dir, 'app', 'x'), { recursive: true });
    const file = path.join(dir, 'app', 'x', 'route.ts');
    writeFileSync(file, 'export function GET() { return new Response("x"); }\n');
    const failure = await loadRouteModule(file, 'x/route.ts')
      .then(
        () => undefined,
        (error: unknown) => error,
      )
      .finally(() => rmSync(dir, { recursive: true, force: true }));
    expect(isNextpressError(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/^Failed to load route file 'x\/route\.ts': .*not-installed-tsconfig\/next\.json/);
  });
});
