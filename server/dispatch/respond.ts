/**
 * @module createResponder: step 6's second half, what the handler's outcome becomes on the wire.
 *   respond(value): a Response -> written (plus next/headers cookies); a non-Response, or
 *     NextResponse.next()/rewrite() -> empty 500 with Next's message; a header Node refuses ->
 *     empty 500, logged naming it; nothing is written once the response has ended (deadline, client gone).
 *   fail(error): redirect()/notFound()/forbidden()/unauthorized() -> their status (and Location);
 *     a client abort -> logged at debug; a 4xx NextpressError (body too large, malformed JSON or
 *     form) -> its status and reason as JSON; anything else -> logged, empty 500 (or a cut connection);
 *     in development (`devErrors`), logged without Express's frames and answered with a readable 500.
 */
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express';
import type { RequestStore } from '../context';
import { isNextpressError } from '../errors';
import type { EngineLogger } from '../logging/engine-logger';
import type { MethodEntry } from '../loading/method-table';
import { hasHeader, isResponseLike, writeResponse } from '../adapter/write-response';
import { writeHead } from '../adapter/write-head';
import { mergeCookies } from '../adapter/merge-cookies';
import { sendEmpty } from '../adapter/send-empty';
import { NEXT_HEADER, REWRITE_HEADER } from '../next/response';
import { toControlFlow } from './control-flow';
import { sendJsonError } from '../adapter/send-json-error';
import type { DevErrors } from '../dev/create-dev-errors';
import { requestWhere } from '../logging/request-where';

export interface Responder {
  respond(value: unknown, entry: MethodEntry, store: RequestStore, req: ExpressRequest, res: ExpressResponse): void | Promise<void>;
  fail(error: unknown, store: RequestStore, req: ExpressRequest, res: ExpressResponse): void;
}

/** Told of every error a route handler throws (instrumentation.ts's onRequestError; see pipeline/load-instrumentation.ts). */
export type HandlerErrorHook = (error: unknown, store: RequestStore, req: ExpressRequest) => void;

export function createResponder(logger: EngineLogger, onHandlerError?: HandlerErrorHook, devErrors?: DevErrors): Responder {
  function respond(value: unknown, entry: MethodEntry, store: RequestStore, req: ExpressRequest, res: ExpressResponse): void | Promise<void> {
    if (res.writableEnded || res.destroyed) {
      // Answered already (the deadline passed) or the client left: nothing to write, and a body to release.
      cancelBody(value);
      return;
    }
    if (!isResponseLike(value)) {
      logger.error(
        { file: store.routeFile },
        `No response is returned from route handler '${store.routeFile}'. Expected a Response object but received '${describe(value)}' (method: ${req.method}, url: ${req.originalUrl}). Ensure you return a \`Response\` or a \`NextResponse\` in all branches of your handler.`,
      );
      return sendEmpty(res, 500);
    }
    if (hasHeader(value, REWRITE_HEADER)) {
      logger.error(
        { file: store.routeFile },
        'NextResponse.rewrite() was used in a app route handler, this is not currently supported. Please remove the invocation to continue.',
      );
      return sendEmpty(res, 500);
    }
    if (hasHeader(value, NEXT_HEADER)) {
      logger.error(
        { file: store.routeFile },
        'NextResponse.next() was used in a app route handler, this is not supported. See here for more info: https://nextjs.org/docs/messages/next-response-next-in-app-route-handler',
      );
      return sendEmpty(res, 500);
    }
    let streaming: void | Promise<unknown>;
    try {
      streaming = writeResponse(res, value, { head: entry.head || req.method === 'HEAD', cookies: store.responseCookies?.toSetCookieHeaders() });
    } catch (error) {
      cancelBody(value);
      reportResponseError(error, store, req);
      return sendEmpty(res, 500);
    }
    if (streaming === undefined) return;
    return streaming.then((error) => {
      if (error !== undefined) reportResponseError(error, store, req);
    });
  }

  function reportResponseError(error: unknown, store: RequestStore, req: ExpressRequest): void {
    const where = { err: error, file: store.routeFile, ...requestWhere(req) };
    if (isNextpressError(error) && error.code === 'INVALID_RESPONSE_HEADER') {
      logger.error(where, `Invalid response from route handler '${store.routeFile}': ${error.message}`);
    } else {
      logger.error(where, `Error in the response body of route handler '${store.routeFile}'`);
    }
  }

  function fail(error: unknown, store: RequestStore, req: ExpressRequest, res: ExpressResponse): void {
    if (res.writableEnded || res.destroyed) {
      if (isClientAbort(error)) logger.debug({ file: store.routeFile }, 'The client closed the connection during the request');
      return;
    }
    const flow = toControlFlow(error);
    if (flow !== undefined) {
      const headers: Record<string, string | string[]> = {};
      if (flow.location !== undefined) headers.location = flow.location;
      // A redirect carries the handler's cookies (after any a proxy.ts next() set); notFound() and the other
      // HTTP fallbacks do not, as in Next 16.
      const own = flow.location === undefined ? undefined : store.responseCookies?.toSetCookieHeaders();
      const cookies = mergeCookies(res, null, own);
      if (cookies !== undefined) headers['set-cookie'] = cookies;
      try {
        writeHead(res, flow.status, '', headers);
      } catch (refused) {
        reportResponseError(refused, store, req);
        sendEmpty(res, 500);
        return;
      }
      res.end();
      return;
    }
    if (isClientAbort(error)) {
      // The client's doing, and any client can do it: not an error of the route.
      logger.debug(
        { file: store.routeFile, ...requestWhere(req) },
        `The client closed the connection before the request body was complete ('${store.routeFile}')`,
      );
      sendEmpty(res, 400);
      return;
    }
    if (isNextpressError(error) && error.status < 500 && !res.headersSent) {
      // The client's fault (body over the limit, malformed JSON): answered with its status and reason.
      sendJsonError(res, error.status, error.message, error.status === 413 ? { connection: 'close' } : undefined);
      return;
    }
    const logged = devErrors === undefined ? error : devErrors.forLog(error);
    logger.error({ err: logged, file: store.routeFile, ...requestWhere(req) }, `Error in route handler '${store.routeFile}'`);
    onHandlerError?.(error, store, req);
    if (res.headersSent) res.destroy(error as Error);
    else if (devErrors !== undefined) devErrors.answer(error, store.routeFile, req, res);
    else sendEmpty(res, 500);
  }

  return { respond, fail };
}

function isClientAbort(error: unknown): boolean {
  return isNextpressError(error) && error.code === 'BODY_ABORTED';
}

/** Releases the body of a response that will not be sent. */
function cancelBody(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  const body = (value as { body?: { locked?: boolean; cancel?: () => Promise<void> } | null }).body;
  if (typeof body?.cancel === 'function' && body.locked === false) body.cancel().catch(() => {});
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}
