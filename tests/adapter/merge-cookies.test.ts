import { describe, expect, test } from '@jest/globals';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { mergeCookies } from '../../server/adapter/merge-cookies';

function response(earlier?: string | string[]): ServerResponse {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  if (earlier !== undefined) res.setHeader('set-cookie', earlier);
  return res;
}

describe('mergeCookies: earlier (middleware), then the Response own, then next/headers; the Response wins a name', () => {
  test.each<[string, string | string[] | undefined, string[] | null, string[] | undefined, string[] | undefined]>([
    ['nothing anywhere', undefined, null, undefined, undefined],
    ['own only', undefined, ['a=1'], undefined, ['a=1']],
    ['next/headers only', undefined, null, ['b=2; Path=/'], ['b=2; Path=/']],
    ['own wins a name next/headers also set', undefined, ['a=1'], ['a=2', 'b=2'], ['a=1', 'b=2']],
    ['names compare without attributes or spaces', undefined, [' a=1; Path=/'], ['a=2; HttpOnly'], [' a=1; Path=/']],
    ['earlier cookies come first', ['s=1'], ['a=1'], ['b=2'], ['s=1', 'a=1', 'b=2']],
    ['one earlier cookie as a string', 's=1', null, ['b=2'], ['s=1', 'b=2']],
    ['earlier cookies alone are left as they are', ['s=1'], null, undefined, undefined],
    ['empty lists are nothing', undefined, [], [], undefined],
  ])('%s', (_name, earlier, own, extra, expected) => {
    expect(mergeCookies(response(earlier), own, extra)).toEqual(expected);
  });
});
