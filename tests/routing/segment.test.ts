import { describe, expect, test } from '@jest/globals';
import { parseSegment } from '../../server/routing/segment';

describe('parseSegment', () => {
  test.each([
    ['users', { kind: 'static', value: 'users' }],
    ['%5Fdocs', { kind: 'static', value: '_docs' }],
    ['%5fdocs', { kind: 'static', value: '_docs' }],
    ['caf%C3%A9', { kind: 'static', value: 'café' }],
    ['café', { kind: 'static', value: 'café' }],
    ['100%', { kind: 'static', value: '100%' }],
    ['[id', { kind: 'static', value: '[id' }],
    ['hello…', { kind: 'static', value: 'hello…' }],
    ['[id]', { kind: 'param', name: 'id' }],
    ['[user-id]', { kind: 'param', name: 'user-id' }],
    ['[...slug]', { kind: 'catchAll', name: 'slug' }],
    ['[[...slug]]', { kind: 'optionalCatchAll', name: 'slug' }],
    ['(admin)', { kind: 'group' }],
    ['()', { kind: 'group' }],
    ['@modal', { kind: 'slot' }],
    ['_lib', { kind: 'private' }],
    ['_', { kind: 'private' }],
  ])('%s -> %j', (folder, expected) => {
    expect(parseSegment(folder)).toEqual(expected);
  });

  test.each([
    [
      '[[id]]',
      'api/[[id]]',
      `Optional route parameters are not yet supported ("[[id]]"). In folder 'api/[[id]]'. Use '[id]' for exactly one segment or '[[...id]]' for zero or more.`,
    ],
    [
      '[[[id]]]',
      'x/[[[id]]]',
      `Segment names may not start or end with extra brackets ('[id]'). In folder 'x/[[[id]]]'. Use '[name]', '[...name]' or '[[...name]]'.`,
    ],
    [
      '[[...slug]',
      '[[...slug]',
      `Segment names may not start or end with extra brackets ('[...slug'). In folder '[[...slug]'. Use '[name]', '[...name]' or '[[...name]]'.`,
    ],
    [
      '[....slug]',
      'docs/[....slug]',
      `Segment names may not start with erroneous periods ('.slug'). In folder 'docs/[....slug]'. Use exactly three periods for a catch-all: '[...name]' or '[[...name]]'.`,
    ],
    [
      '[.id]',
      '[.id]',
      `Segment names may not start with erroneous periods ('.id'). In folder '[.id]'. Use exactly three periods for a catch-all: '[...name]' or '[[...name]]'.`,
    ],
    [
      '[…slug]',
      'docs/[…slug]',
      `Detected a three-dot character ('…') at ('…slug'). Did you mean ('...')? In folder 'docs/[…slug]'. Type three periods: '[...slug]'.`,
    ],
    [
      '[[…slug]]',
      '[[…slug]]',
      `Detected a three-dot character ('…') at ('…slug'). Did you mean ('...')? In folder '[[…slug]]'. Type three periods: '[[...slug]]'.`,
    ],
    ['[]', 'a/[]', `Parameter names cannot be empty ("[]"). In folder 'a/[]'. Name the parameter, e.g. '[id]' or '[...slug]'.`],
    ['[...]', '[...]', `Parameter names cannot be empty ("[...]"). In folder '[...]'. Name the parameter, e.g. '[id]' or '[...slug]'.`],
    [
      '(.)photo',
      'feed/(.)photo',
      `Intercepting route folders like '(.)photo' are not supported for route handlers: interception only changes client-side navigation between pages, and a route handler always answers its own URL. In folder 'feed/(.)photo'. Rename the folder without the (.), (..) or (...) prefix, or move the route file out of it.`,
    ],
    [
      '(..)photo',
      '(..)photo',
      `Intercepting route folders like '(..)photo' are not supported for route handlers: interception only changes client-side navigation between pages, and a route handler always answers its own URL. In folder '(..)photo'. Rename the folder without the (.), (..) or (...) prefix, or move the route file out of it.`,
    ],
    [
      '(...)photo',
      'a/(...)photo',
      `Intercepting route folders like '(...)photo' are not supported for route handlers: interception only changes client-side navigation between pages, and a route handler always answers its own URL. In folder 'a/(...)photo'. Rename the folder without the (.), (..) or (...) prefix, or move the route file out of it.`,
    ],
    [
      '(..)(..)photo',
      '(..)(..)photo',
      `Intercepting route folders like '(..)(..)photo' are not supported for route handlers: interception only changes client-side navigation between pages, and a route handler always answers its own URL. In folder '(..)(..)photo'. Rename the folder without the (.), (..) or (...) prefix, or move the route file out of it.`,
    ],
  ])('%s (in %s) throws', (folder, folderPath, message) => {
    expect(() => parseSegment(folder, folderPath)).toThrow(expect.objectContaining({ name: 'NextpressError', code: 'BAD_SEGMENT', status: 500, message }));
  });
});
