/**
 * @module parseAuthBody: the sign-in body parsers Auth.js's ExpressAuth runs, under BODY_LIMIT.
 * ExpressAuth calls `express.json()` and `express.urlencoded()` with body-parser's own 100 KB limit;
 * run first with the server's limit, these read the body and ExpressAuth's parsers, finding it
 * read, leave it alone. Too large a body gets the engine's 413, as on any route file:
 *
 *   POST /api/auth/callback/credentials, 80 KB form, BODY_LIMIT=64kb -> 413 "The request body ... 64 KB (BODY_LIMIT) ..."
 *   the same with the default 10 MB limit                             -> parsed, Auth.js answers
 *   malformed JSON                                                    -> 400 from body-parser, with its message (as before)
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { bodyTooLarge } from '../adapter/read-body';

export function parseAuthBody(limit: number): RequestHandler[] {
  const express = require('express') as typeof import('express');
  const tooLarge: ErrorRequestHandler = (error, _req, _res, next) => {
    const type = (error as { type?: unknown } | undefined)?.type;
    if (type !== 'entity.too.large') return next(error);
    const { length } = error as { length?: unknown };
    next(bodyTooLarge(limit, typeof length === 'number' && length > limit ? length : undefined));
  };
  return [express.json({ limit }), express.urlencoded({ extended: true, limit }), tooLarge as unknown as RequestHandler];
}
