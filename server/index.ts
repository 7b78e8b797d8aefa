/**
 * @module nextpress's front door: everything a user or a test imports, listed by name.
 */

// The app
export { createApp, DEFAULT_BODY_LIMIT } from './app';
export type { CreateAppOptions, NextpressState, RouteInfo } from './app';

// Errors
export { NextpressError, isNextpressError } from './errors';
export type { NextpressErrorOptions } from './errors';

// The request context (for middleware that needs the current request)
export { currentRequestStore, getRequestStore, RequestStore } from './context';

// Logging
export type { EngineLogger } from './logger';

// Building blocks
export type { Dispatcher, RouteMatch } from './dispatch/dispatcher';
export { HTTP_METHODS } from './loading/method-table';
export type { HttpMethod } from './loading/method-table';
