/**
 * @module createDevErrors: how development answers and logs a 500 (createApp's `dev`; see
 * dispatch/respond.ts and app.ts's error handler). Production never creates one: its 500 stays empty.
 *   answer(error, route, req, res) -> the readable 500 (or the error's 5xx) (error-page.ts), or a cut connection once
 *                                     the headers are out
 *   forLog(error)                  -> a copy of the error whose stack has no Node or Express frames
 *                                     (clean-stack.ts), to log once in place of the original; an error
 *                                     whose message says it all (explains-itself.ts) as it is
 */
import type { Request, Response } from 'express';
import { explainsItself } from '../logging/explains-itself';
import { cleanStack } from './clean-stack';
import { describeError } from './describe-error';
import { sendErrorPage } from './error-page';

export interface DevErrors {
  answer(error: unknown, route: string | undefined, req: Request, res: Response, status?: number): void;
  forLog(error: unknown): unknown;
}

/** `root`: the project folder (or the routes folder), that paths are shown relative to. */
export function createDevErrors(root: string): DevErrors {
  return {
    answer(error, route, req, res, status = 500) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendErrorPage(req, res, status, describeError(error, root, route));
    },
    forLog(error) {
      if (explainsItself(error)) return error; // logged as its message alone (logging/logger.ts): no stack to clean
      // Duck-typed: route code may throw another realm's Error (jest's sandbox).
      if (typeof error !== 'object' || error === null || typeof (error as Error).stack !== 'string') return error;
      const original = error as Error;
      // Same class and own fields (code, cause), so the log names it as before; only the stack differs.
      const copy = Object.assign(Object.create(Object.getPrototypeOf(original)) as Error, original);
      const header = original.stack!.split('\n').filter((line) => !/^\s*at /.test(line));
      Object.defineProperty(copy, 'message', { value: original.message, enumerable: false, writable: true, configurable: true });
      Object.defineProperty(copy, 'stack', {
        value: [...header, ...cleanStack(original.stack!, root).map((frame) => `    at ${frame}`)].join('\n'),
        enumerable: false,
        writable: true,
        configurable: true,
      });
      if (original.cause !== undefined) Object.defineProperty(copy, 'cause', { value: original.cause, enumerable: false, writable: true, configurable: true });
      return copy;
    },
  };
}
