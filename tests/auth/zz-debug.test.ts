import { test } from '@jest/globals';
import path from 'node:path';
import { loadRouteModule } from '../../server/loading/load-route-module';
test('x', async () => {
  const f = path.join(__dirname, '../fixtures/auth-app/api/_lib/hits.ts');
  const a = await loadRouteModule(f, 'a');
  const b = await loadRouteModule(f, 'b');
  const r = await loadRouteModule(path.join(__dirname, '../fixtures/auth-app/api/public/route.ts'), 'r');
  (a.hits as string[]).push('from-a');
  await (r.GET as any)(new Request('http://x/'));
  console.log(a === b, a.hits === b.hits, a.hits, Object.keys(require.cache).filter(k => k.includes('hits')));
});
