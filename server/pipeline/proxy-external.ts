/**
 * @module proxyExternal: a rewrite to an `http(s)://` URL -> the request is sent there and the
 * answer streamed back, both ways without buffering (fetch with the request stream as body; the
 * answer's body piped out with backpressure by writeResponse). Steps:
 *   1. headers as received, minus hop-by-hop ones; x-forwarded-host/-proto/-for added, as Next's proxy;
 *   2. the request body streams (methods other than GET/HEAD); the client leaving aborts the fetch;
 *   3. the answer's status, headers and each Set-Cookie go back; fetch decodes compressed bodies,
 *      so content-encoding and content-length are dropped then;
 *   4. an unreachable upstream answers an empty 502, logged with the URL.
 */
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express';
import type { EngineLogger } from '../logging/engine-logger';
import { writeResponse } from '../adapter/write-response';
import { sendEmpty } from '../adapter/send-empty';

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

export async function proxyExternal(req: ExpressRequest, res: ExpressResponse, target: string, logger: EngineLogger): Promise<void> {
  // 1. headers
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (!HOP_BY_HOP.has(name) && name.charCodeAt(0) !== 58 /* ':' */) headers.append(name, raw[i + 1]);
  }
  if (!headers.has('x-forwarded-host') && req.headers.host) headers.set('x-forwarded-host', req.headers.host);
  if (!headers.has('x-forwarded-proto')) headers.set('x-forwarded-proto', req.protocol);
  if (req.socket.remoteAddress) headers.set('x-forwarded-for', [headers.get('x-forwarded-for'), req.socket.remoteAddress].filter(Boolean).join(', '));

  // 2. the body streams; the client leaving aborts
  const controller = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) controller.abort();
  };
  res.once('close', onClose);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: req.method,
      headers,
      body: hasBody ? (req as unknown as ReadableStream) : undefined,
      redirect: 'manual',
      signal: controller.signal,
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit);
  } catch (error) {
    res.off('close', onClose);
    if (controller.signal.aborted) return;
    logger.error({ err: error, target }, `External rewrite to ${target} failed: ${(error as Error).message}`);
    if (!res.headersSent) sendEmpty(res, 502);
    return;
  }

  // 3. the answer
  const back = new Headers(upstream.headers);
  if (back.has('content-encoding')) {
    back.delete('content-encoding');
    back.delete('content-length');
  }
  for (const name of HOP_BY_HOP) back.delete(name);
  const done = writeResponse(
    res,
    { status: upstream.status, statusText: upstream.statusText, headers: back, body: upstream.body },
    { head: req.method === 'HEAD', cookies: undefined },
  );
  if (done !== undefined) await done;
  res.off('close', onClose);
}
