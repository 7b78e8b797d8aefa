import { describe, expect, test } from '@jest/globals';
import { isValidHost } from '../../server/adapter/valid-host';

describe('isValidHost', () => {
  test.each([
    ['localhost', true],
    ['localhost:3000', true],
    ['example.com', true],
    ['sub.example.com:8443', true],
    ['127.0.0.1', true],
    ['127.0.0.1:65535', true],
    ['[::1]', true],
    ['[::1]:8080', true],
    ['xn--bcher-kva.example', true],
    ['a b', false],
    ['[', false],
    ['[::1', false],
    ['x:99999', false],
    ['x:port', false],
    ['1.2.3.999', false],
    ['a/b', false],
    ['a@b', false],
    ['a?b', false],
    ['a#b', false],
    ['a\\b', false],
    ['', false],
  ])('%j -> %s', (host, valid) => {
    expect(isValidHost(host)).toBe(valid);
  });

  test('the remembered good host does not make a bad one pass', () => {
    expect(isValidHost('example.com')).toBe(true);
    expect(isValidHost('example.com x')).toBe(false);
    expect(isValidHost('example.com')).toBe(true);
  });
});
