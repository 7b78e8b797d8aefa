import { describe, expect, test } from '@jest/globals';
import { parseBoolean } from '../../config/parse-boolean';

describe('parseBoolean', () => {
  test.each([
    ['true', true],
    ['TRUE', true],
    [' yes ', true],
    ['Yes', true],
    ['1', true],
    ['false', false],
    ['False', false],
    ['no', false],
    ['NO', false],
    ['0', false],
    ['on', undefined],
    ['off', undefined],
    ['', undefined],
    ['2', undefined],
    ['truthy', undefined],
    ['y', undefined],
  ])('%j → %j', (raw, expected) => {
    expect(parseBoolean(raw)).toBe(expected);
  });
});
