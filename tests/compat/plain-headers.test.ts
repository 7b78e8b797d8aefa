/**
 * plainHeaders (server/next/plain-headers.ts): a plain-object init kept as a record only when the
 * platform's Headers would hold exactly that record (same names, values and order), else undefined.
 */
import { describe, expect, test } from '@jest/globals';
import { plainHeaders } from '../../server/next/plain-headers';

const TEXT = 'text/plain;charset=UTF-8';
const withSymbol = { 'x-a': '1', [Symbol('s')]: 'x' };
class Custom {
  'x-a' = '1';
}

// [name, headers, default content-type, expected record (undefined: left to Headers)]
const CASES: Array<[string, unknown, string | undefined, Record<string, string> | undefined]> = [
  ['one name, its own content-type', { 'Content-Type': 'text/html' }, TEXT, { 'content-type': 'text/html' }],
  ['two names sorted, the default added', { 'x-b': '1', 'X-A': '2' }, 'application/json', { 'content-type': 'application/json', 'x-a': '2', 'x-b': '1' }],
  ['empty, no body', {}, undefined, {}],
  ['empty, the default', {}, TEXT, { 'content-type': TEXT }],
  ['an empty value', { 'x-empty': '' }, undefined, { 'x-empty': '' }],
  ['a tab inside a value', { 'x-t': 'a\tb' }, undefined, { 'x-t': 'a\tb' }],
  ['Latin-1 in a value', { 'x-l': 'caf\u00e9' }, undefined, { 'x-l': 'caf\u00e9' }],
  ['a padded value (Headers trims)', { 'x-a': ' padded ' }, undefined, undefined],
  ['a newline (Headers refuses)', { 'x-a': 'a\nb' }, undefined, undefined],
  ['a character past Latin-1 (Headers refuses)', { 'x-a': 'caf\u00e9\u2603' }, undefined, undefined],
  ['a number value (Headers converts)', { 'x-a': 1 }, undefined, undefined],
  ['a name with a space (Headers refuses)', { 'bad name': '1' }, undefined, undefined],
  ['one name twice in two cases (Headers combines)', { 'X-A': '1', 'x-a': '2' }, undefined, undefined],
  ['set-cookie', { 'Set-Cookie': 'a=1' }, undefined, undefined],
  ['an integer-like name', { '1': 'x' }, undefined, undefined],
  ['__proto__ as an own key', JSON.parse('{"__proto__":"x"}'), undefined, undefined],
  ['a symbol key', withSymbol, undefined, undefined],
  ['a class instance', new Custom(), undefined, undefined],
  ['a Headers', new Headers({ 'x-a': '1' }), undefined, undefined],
  ['an array of pairs', [['x-a', '1']], undefined, undefined],
  ['a Map', new Map([['x-a', '1']]), undefined, undefined],
  ['null', null, undefined, undefined],
];

describe('plainHeaders', () => {
  test.each(CASES)('%s', (_name, headers, contentType, expected) => {
    const record = plainHeaders(headers, contentType);
    expect(record).toEqual(expected);
    if (record === undefined) return;
    // What the platform makes of the same init, in its iteration order.
    const platform = new Headers(headers as HeadersInit);
    if (contentType !== undefined && !platform.has('content-type')) platform.set('content-type', contentType);
    expect(Object.entries(record)).toEqual([...platform]);
  });
});
