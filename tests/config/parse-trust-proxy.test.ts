import { describe, expect, test } from '@jest/globals';
import { parseTrustProxy } from '../../config/parse-trust-proxy';

describe('parseTrustProxy', () => {
  test.each([
    ['true', true],
    ['TRUE', true],
    ['yes', true],
    ['false', false],
    ['no', false],
    ['0', 0],
    ['1', 1],
    ['2', 2],
    ['loopback', ['loopback']],
    ['Loopback', ['loopback']],
    ['loopback, linklocal, uniquelocal', ['loopback', 'linklocal', 'uniquelocal']],
    ['10.0.0.1', ['10.0.0.1']],
    ['10.0.0.0/8', ['10.0.0.0/8']],
    ['10.0.0.0/255.0.0.0', ['10.0.0.0/255.0.0.0']],
    ['::1', ['::1']],
    ['fd00::/8', ['fd00::/8']],
    ['loopback,10.0.0.0/8,', ['loopback', '10.0.0.0/8']],
    ['sometimes', undefined],
    ['proxy.local', undefined],
    ['10.0.0.0/33', undefined],
    ['fd00::/129', undefined],
    ['fd00::/255.0.0.0', undefined],
    ['10.0.0.0/', undefined],
    ['300.0.0.1', undefined],
    ['loopback,nope', undefined],
    [',', undefined],
    ['-1', undefined],
  ])('%j → %j', (raw, expected) => {
    expect(parseTrustProxy(raw)).toEqual(expected);
  });
});
