import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { toRouteFile } from '../../server/routing/route-file';

const ROOT = path.resolve('/srv/routes');

describe('toRouteFile', () => {
  test.each([
    ['route.ts', '/', []],
    [
      'api/health/route.ts',
      '/api/health',
      [
        { kind: 'static', value: 'api' },
        { kind: 'static', value: 'health' },
      ],
    ],
    [
      'api/users/[id]/route.ts',
      '/api/users/[id]',
      [
        { kind: 'static', value: 'api' },
        { kind: 'static', value: 'users' },
        { kind: 'param', name: 'id' },
      ],
    ],
    ['(shop)/cart/route.js', '/cart', [{ kind: 'static', value: 'cart' }]],
    ['(shop)/route.mjs', '/', []],
    [
      '@modal/(g)/docs/[[...s]]/route.ts',
      '/docs/[[...s]]',
      [
        { kind: 'static', value: 'docs' },
        { kind: 'optionalCatchAll', name: 's' },
      ],
    ],
    [
      'docs/[...slug]/route.tsx',
      '/docs/[...slug]',
      [
        { kind: 'static', value: 'docs' },
        { kind: 'catchAll', name: 'slug' },
      ],
    ],
    ['%5Finternal/route.ts', '/_internal', [{ kind: 'static', value: '_internal' }]],
    [
      'files/a%2Fb/route.ts',
      '/files/a%2Fb',
      [
        { kind: 'static', value: 'files' },
        { kind: 'static', value: 'a/b' },
      ],
    ],
    [
      'files/100%25/route.ts',
      '/files/100%25',
      [
        { kind: 'static', value: 'files' },
        { kind: 'static', value: '100%' },
      ],
    ],
    ['caf%C3%A9/route.ts', '/café', [{ kind: 'static', value: 'café' }]],
  ])('%s -> %s', (relativeFile, pattern, segments) => {
    expect(toRouteFile(ROOT, relativeFile)).toEqual({ file: path.join(ROOT, ...relativeFile.split('/')), relativeFile, pattern, segments });
  });

  test.each([
    [
      '_lib/route.ts',
      `'_lib/route.ts' is inside the private folder '_lib', which is never routable. Rename the folder to '%5Flib' for a URL segment starting with '_'.`,
    ],
    [
      'api/[[id]]/route.ts',
      `Optional route parameters are not yet supported ("[[id]]"). In folder 'api/[[id]]'. Use '[id]' for exactly one segment or '[[...id]]' for zero or more.`,
    ],
  ])('%s throws', (relativeFile, message) => {
    expect(() => toRouteFile(ROOT, relativeFile)).toThrow(expect.objectContaining({ code: 'BAD_SEGMENT', message }));
  });
});
