/**
 * @module proxyExternal: a rewrite to an `http(s)://` URL -> the request is sent there and the
 * answer streamed back, both ways with backpressure (node:http, as Next's http-proxy: no URL
 * parser between the rule and the upstream, no decoding of the answer). Steps:
 *   1. the target: its origin parsed, its path and query sent exactly as the rule built them, so
 *      `/public/../admin` (or `%2E%2E`) reaches the upstream as written and the upstream decides;
 *   2. headers as received, minus hop-by-hop ones (and those the client's Connection header
 *      names); x-forwarded-host/-proto/-for added, as Next's proxy;
 *   3. the request body streams (methods other than GET/HEAD); the client leaving aborts the request;
 *   4. the answer's status, headers (each Set-Cookie) and bytes go back as the upstream sent them,
 *      compressed ones included (content-encoding and content-length kept);
 *   5. an unreachable upstream answers an empty 502, one silent for PROXY_TIMEOUT_MS (30 s, the
 *      default of Next's `experimental.proxyTimeout`) an empty 504, logged with the URL; past the
 *      headers, a failure cuts the connection so the client cannot take a truncated body for a whole one.
 *
 *   rule destination 'http://127.0.0.1:4001/public/:path*', GET /extp/a?x=1 -> GET /public/a?x=1 to 127.0.0.1:4001
 */
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express';
import type { EngineLogger } from '../logging/engine-logger';
import { sendEmpty } from '../adapter/send-empty';
import { writeHead } from '../adapter/write-head';

/** The default of Next's `experimental.proxyTimeout` (not read from next.config here). */
export const PROXY_TIMEOUT_MS = 30_000;

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'expect',
]);

/** 'http://h:1/a/../b?x#f' -> { origin: 'http://h:1', path: '/a/../b?x' }; undefined for anything else. */
const TARGET = /^(https?:\/\/[^/?#]+)([^#]*)/i;

export function proxyExternal(req: ExpressRequest, res: ExpressResponse, target: string, logger: EngineLogger, timeoutMs = PROXY_TIMEOUT_MS): Promise<void> {
  // 1. the target
  const parts = TARGET.exec(target);
  let origin: URL;
  try {
    if (parts === null) throw new Error('not an http(s) URL');
    origin = new URL(parts[1]);
  } catch (error) {
    logger.error({ err: error, target }, `External rewrite to ${target} failed: ${(error as Error).message}`);
    sendEmpty(res, 502);
    return Promise.resolve();
  }
  let path = parts![2] === '' ? '/' : parts![2];
  if (path.charCodeAt(0) === 63 /* ? */) path = `/${path}`;

  // 2. headers
  const dropped = new Set(HOP_BY_HOP);
  for (const name of String(req.headers.connection ?? '').split(',')) if (name.trim() !== '') dropped.add(name.trim().toLowerCase());
  const headers: OutgoingHttpHeaders = {};
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (dropped.has(name)) continue;
    const previous = headers[name];
    headers[name] = previous === undefined ? raw[i + 1] : Array.isArray(previous) ? [...previous, raw[i + 1]] : [String(previous), raw[i + 1]];
  }
  headers.host = origin.host;
  if (headers['x-forwarded-host'] === undefined && req.headers.host) headers['x-forwarded-host'] = req.headers.host;
  if (headers['x-forwarded-proto'] === undefined) headers['x-forwarded-proto'] = req.protocol;
  if (req.socket.remoteAddress) headers['x-forwarded-for'] = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');

  return new Promise<void>((resolve) => {
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      res.off('close', onClientClose);
      resolve();
    };
    const fail = (status: 502 | 504, error: Error) => {
      if (settled) return;
      if (!res.headersSent && !res.destroyed) {
        logger.error({ err: error, target }, `External rewrite to ${target} failed: ${error.message}`);
        sendEmpty(res, status);
      } else if (!res.writableFinished) {
        logger.error({ err: error, target }, `External rewrite to ${target} failed after its answer began: ${error.message}`);
        res.destroy(error);
      }
      finish();
    };

    // 3. the request, its body streamed
    const send = origin.protocol === 'https:' ? httpsRequest : httpRequest;
    const outgoing = send({
      protocol: origin.protocol,
      hostname: origin.hostname.replace(/^\[|\]$/g, ''),
      port: origin.port === '' ? undefined : Number(origin.port),
      auth: origin.username === '' ? undefined : `${decodeURIComponent(origin.username)}:${decodeURIComponent(origin.password)}`,
      method: req.method,
      path,
      headers,
      setHost: false,
    });
    const onClientClose = () => {
      if (!res.writableFinished) {
        outgoing.destroy();
        finish();
      }
    };
    res.once('close', onClientClose);
    let timedOut = false;
    outgoing.setTimeout(timeoutMs, () => {
      timedOut = true;
      outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`));
    });
    outgoing.on('error', (error) => fail(timedOut ? 504 : 502, error));

    // 4. the answer, as sent
    outgoing.on('response', (answer: IncomingMessage) => {
      const back: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name)) back[name] = value;
      }
      try {
        writeHead(res, answer.statusCode ?? 502, answer.statusMessage ?? '', back);
      } catch (error) {
        answer.destroy();
        fail(502, error as Error);
        return;
      }
      if (req.method === 'HEAD') {
        answer.resume();
        res.end();
        finish();
        return;
      }
      answer.on('error', (error) => fail(502, error));
      answer.on('aborted', () => fail(502, new Error('the upstream closed the connection before its answer ended')));
      answer.pipe(res);
      res.once('finish', finish);
    });

    if (req.method === 'GET' || req.method === 'HEAD') outgoing.end();
    else req.pipe(outgoing);
  });
}
