import { describe, expect, test } from '@jest/globals';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { isNextpressError } from '../../server/errors';
import { writeHead } from '../../server/adapter/write-head';

function response(): ServerResponse {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  res.setHeader('x-request-id', 'abc'); // set earlier by middleware: it must survive a refusal
  return res;
}

describe('writeHead', () => {
  test('valid headers are sent', () => {
    const res = response();
    writeHead(res, 201, 'Made', { 'x-a': '1' });
    expect([res.headersSent, res.statusCode, res.statusMessage, res.getHeader('x-a')]).toEqual([true, 201, 'Made', '1']);
  });

  test.each([
    ['a control character in a value', { 'x-ok': '1', 'x-echo': 'a\x01b' }, '', 'Invalid character in header content ["x-echo"]'],
    ['a newline in a value', { 'x-ok': '1', location: '/a\nb' }, '', 'Invalid character in header content ["location"]'],
    ['a space in a name', { 'x ok': '1' }, '', 'Header name must be a valid HTTP token ["x ok"]'],
    ['a control character in the status text', { 'x-ok': '1' }, 'O\x01K', 'Invalid character in statusMessage'],
  ])('%s: throws INVALID_RESPONSE_HEADER naming it; res is left clean for a 500', (_name, headers, statusText, reason) => {
    const res = response();
    let thrown: unknown;
    try {
      writeHead(res, 200, statusText, headers);
    } catch (error) {
      thrown = error;
    }
    expect(isNextpressError(thrown) && thrown.code).toBe('INVALID_RESPONSE_HEADER');
    expect((thrown as Error).message).toContain(reason);
    expect(res.headersSent).toBe(false);
    expect(res.getHeaderNames()).toEqual(['x-request-id']);
    res.writeHead(500);
    expect([res.statusCode, res.statusMessage]).toEqual([500, 'Internal Server Error']);
  });
});
