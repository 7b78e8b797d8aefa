import { describe, expect, test } from '@jest/globals';
import { parseSize } from '../../config/parse-size';

describe('parseSize', () => {
  test.each([
    ['0', 0],
    ['1024', 1024],
    ['10b', 10],
    ['1kb', 1024],
    ['512kb', 524_288],
    ['512KB', 524_288],
    ['10mb', 10_485_760],
    ['10 MB', 10_485_760],
    ['1.5mb', 1_572_864],
    ['2gb', 2_147_483_648],
    ['1tb', undefined],
    ['0.5kb', 512],
    [' 64kb ', 65_536],
    ['10 zb', undefined],
    ['10k', undefined],
    ['mb', undefined],
    ['-1', undefined],
    ['-1mb', undefined],
    ['1e3', undefined],
    ['', undefined],
    ['ten mb', undefined],
    ['99999999999tb', undefined],
  ])('%j → %j', (raw, expected) => {
    expect(parseSize(raw)).toBe(expected);
  });
});
