/**
 * @module plainHeaders: a response init's `headers`, when it is a plain object that `new Headers()`
 * would take exactly as written, -> the record the writer sends as it is: names lowercased and in
 * the order Headers iterates them (sorted), the body's default content-type added when none is
 * named. Anything else -> undefined, and the platform's Headers takes it (and throws what it throws).
 *
 *   { 'Content-Type': 'text/html' }, 'text/plain;charset=UTF-8' -> { 'content-type': 'text/html' }
 *   { 'x-b': '1', 'X-A': '2' }, 'application/json'  -> { 'content-type': 'application/json', 'x-a': '2', 'x-b': '1' }
 *   {}, undefined                                   -> {}
 *   { 'x-a': ' padded ' } | { 'x-a': 'a\nb' }       -> undefined (Headers trims the one, refuses the other)
 *   { 'x-a': 1 } | { 'bad name': '1' }              -> undefined (Headers converts the one, refuses the other)
 *   { 'X-A': '1', 'x-a': '2' }                      -> undefined (Headers combines them)
 *   { 'set-cookie': 'a=1' } | { '__proto__': 'x' } | { '1': 'x' } -> undefined (kept for Headers: cookies, an object's own quirks)
 *   new Headers(), [['a', '1']], a Map, an object with a symbol key or another prototype -> undefined
 */

/** A header name as Fetch and Node accept it (an RFC 9110 token). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** A value Headers keeps as it is and Node sends: Latin-1, no whitespace at either end, no control character but a tab inside. */
const CLEAN_VALUE = /^(?:[\x21-\x7e\x80-\xff](?:[\t\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?)?$/;

export function plainHeaders(headers: unknown, contentType: string | undefined): Record<string, string> | undefined {
  if (typeof headers !== 'object' || headers === null || Object.getPrototypeOf(headers) !== Object.prototype) return undefined;
  const given = headers as Record<string, unknown>;
  if (Object.getOwnPropertySymbols(given).length !== 0) return undefined;
  const names: string[] = [];
  const values: Record<string, string> = {};
  for (const name of Object.keys(given)) {
    const value = given[name];
    if (typeof value !== 'string' || !TOKEN.test(name) || !CLEAN_VALUE.test(value)) return undefined;
    const key = name.toLowerCase();
    const first = key.charCodeAt(0);
    // An integer-like key would not keep its place in an object; `__proto__` would not be a key at all.
    if (key === 'set-cookie' || key === '__proto__' || (first >= 48 && first <= 57) || Object.hasOwn(values, key)) return undefined;
    values[key] = value;
    names.push(key);
  }
  if (contentType !== undefined && !Object.hasOwn(values, 'content-type')) {
    values['content-type'] = contentType;
    names.push('content-type');
  }
  if (names.length < 2) return values;
  names.sort();
  const sorted: Record<string, string> = {};
  for (const name of names) sorted[name] = values[name];
  return sorted;
}
