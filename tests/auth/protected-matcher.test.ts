import { describe, expect, test } from '@jest/globals';
import { createProtectedMatcher } from '../../server/auth/protected-matcher';

// [protected pattern, route pattern (as the route tree names it), protected?]
const CASES: Array<[string, string, boolean]> = [
  ['/api/session', '/api/session', true],
  ['/api/session', '/api/session/[id]', false],
  ['/api/session', '/api', false],
  ['/api/session', '/api/Session', false],
  ['/api/session/', '/api/session', true],
  ['/api//session', '/api/session', true],
  ['/api/admin/**', '/api/admin', true],
  ['/api/admin/**', '/api/admin/users', true],
  ['/api/admin/**', '/api/admin/users/[id]', true],
  ['/api/admin/**', '/api/admin/[...rest]', true],
  ['/api/admin/**', '/api/admin/[[...rest]]', true],
  ['/api/admin/**', '/api/administrator', false],
  ['/api/admin/**', '/api', false],
  ['/api/*', '/api/session', true],
  ['/api/*', '/api/[id]', true],
  ['/api/*', '/api', false],
  ['/api/*', '/api/a/b', false],
  ['/api/*/edit', '/api/[id]/edit', true],
  ['/api/*/edit', '/api/[id]/view', false],
  ['/api/**/edit', '/api/edit', true],
  ['/api/**/edit', '/api/posts/[id]/edit', true],
  ['/api/**/edit', '/api/posts/[id]/edit/more', false],
  ['/api/users/[id]', '/api/users/[id]', true],
  ['/api/users/[id]', '/api/users/[userId]', false],
  ['/api/users/42', '/api/users/[id]', false],
  ['/**', '/', true],
  ['/**', '/api/anything/[...x]', true],
  ['/', '/', true],
  ['/', '/api', false],
  ['/_underscore', '/_underscore', true],
];

describe('createProtectedMatcher', () => {
  test.each(CASES)('%s protects %s: %s', (pattern, route, expected) => {
    expect(createProtectedMatcher([pattern])(route)).toBe(expected);
  });

  test('several patterns: any one protects', () => {
    const isProtected = createProtectedMatcher(['/api/session', '/api/admin/**']);
    expect(['/api/session', '/api/admin/x', '/api/public'].map(isProtected)).toEqual([true, true, false]);
  });

  test('no patterns protect nothing', () => {
    expect(createProtectedMatcher([])('/api/session')).toBe(false);
  });

  test('many stars stay fast (no exponential backtracking)', () => {
    const isProtected = createProtectedMatcher(['/**/**/**/**/**/**/**/**/x']);
    const route = `/${Array.from({ length: 40 }, (_, i) => `s${i}`).join('/')}/y`;
    const started = performance.now();
    expect(isProtected(route)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
