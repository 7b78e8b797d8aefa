import { describe, expect, test } from '@jest/globals';
import { originForm } from '../../server/routing/origin-form';

describe('originForm', () => {
  test.each([
    ['/', undefined],
    ['/api/echo', undefined],
    ['/api/echo?a=1', undefined],
    ['/api/echo#frag', '/api/echo'],
    ['/api/echo?a=1#frag', '/api/echo?a=1'],
    ['/#', '/'],
    ['http://localhost/api/echo', '/api/echo'],
    ['http://localhost:3000/api/echo?x=1', '/api/echo?x=1'],
    ['HTTPS://h.example', '/'],
    ['http://h.example?x=1#f', '/?x=1'],
    ['http://user@h.example/a//b', '/a//b'],
    ['*', undefined],
    ['example.com:443', undefined],
    ['ftp://h.example/a', undefined],
    ['', undefined],
  ])('%j -> %j', (url, expected) => {
    expect(originForm(url)).toBe(expected);
  });
});
