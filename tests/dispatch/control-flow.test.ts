import { expect, test } from '@jest/globals';
import { toControlFlow } from '../../server/dispatch/control-flow';

test.each([
  ['NEXT_REDIRECT;replace;/login;307;', { status: 307, location: '/login' }],
  ['NEXT_REDIRECT;push;https://a.test/x?a=1;b=2;308;', { status: 308, location: 'https://a.test/x?a=1;b=2' }],
  ['NEXT_REDIRECT;replace;/x;true', { status: 308, location: '/x' }],
  ['NEXT_REDIRECT;replace;/x;false', { status: 307, location: '/x' }],
  ['NEXT_HTTP_ERROR_FALLBACK;404', { status: 404 }],
  ['NEXT_HTTP_ERROR_FALLBACK;403', { status: 403 }],
  ['NEXT_HTTP_ERROR_FALLBACK;401', { status: 401 }],
  ['NEXT_NOT_FOUND', { status: 404 }],
  ['SOMETHING_ELSE', undefined],
])('digest %s -> %j', (digest, expected) => {
  expect(toControlFlow(Object.assign(new Error('x'), { digest }))).toEqual(expected);
});

test.each([[null], [undefined], ['NEXT_NOT_FOUND'], [new Error('plain')], [{ digest: 42 }]])('%p is not control flow', (value) => {
  expect(toControlFlow(value)).toBeUndefined();
});
