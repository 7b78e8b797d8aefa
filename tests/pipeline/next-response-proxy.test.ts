/**
 * NextResponse.next() / rewrite() with `request.headers`: Next's encoding of the override.
 */
import { expect, test } from '@jest/globals';
import { NextResponse } from '../../server/next/server';

test('next({ request: { headers } }) lists the names and carries each value', () => {
  const response = NextResponse.next({ request: { headers: new Headers({ 'x-user': 'alice', accept: 'text/plain' }) }, headers: { 'x-out': '1' } });
  expect(Object.fromEntries(response.headers)).toEqual({
    'x-middleware-next': '1',
    'x-middleware-override-headers': 'accept,x-user',
    'x-middleware-request-accept': 'text/plain',
    'x-middleware-request-x-user': 'alice',
    'x-out': '1',
  });
});

test('rewrite() takes the same field; a plain object is refused as in Next', () => {
  const response = NextResponse.rewrite('https://a.test/x', { request: { headers: new Headers({ a: '1' }) } });
  expect(response.headers.get('x-middleware-rewrite')).toBe('https://a.test/x');
  expect(response.headers.get('x-middleware-override-headers')).toBe('a');
  expect(() => NextResponse.next({ request: { headers: { a: '1' } as unknown as Headers } })).toThrow('request.headers must be an instance of Headers');
});
