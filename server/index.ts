/**
 * @module nextpress's front door: everything a user or a test imports, listed by name.
 */

// The app
export { createApp, DEFAULT_BODY_LIMIT } from './app';
export type { CreateAppOptions, NextpressApp, NextpressState, RouteInfo } from './app';

// Errors
export { NextpressError, isNextpressError } from './errors';
export type { NextpressErrorOptions } from './errors';

// The request context (for middleware that needs the current request)
export { currentRequestStore, getRequestStore, RequestStore } from './context';

// Logging
export type { EngineLogger } from './logging/engine-logger';

// Caching (createApp's `cache` option; see docs/caching.md)
export { createMemoryCache } from './cache/memory-cache';
export type { MemoryCacheOptions } from './cache/memory-cache';
export { createRedisCache } from './cache/redis-cache';
export type { RedisCacheOptions } from './cache/redis-cache';
export type { CacheEntry, CacheHandler, TagExpiry } from './cache/cache-handler';
export type { ResponseCache } from './cache/response-cache';

// Auth (createApp's `auth` option; route files import the same from 'nextpress/auth'; see docs/auth.md)
export { auth, hashPassword, verifyPassword, loadUsersFile } from './auth/index';
export type { AuthSession, UserRecord } from './auth/index';
export type { AuthSettings } from './auth/types';

// Building blocks
export type { Dispatcher, RouteMatch } from './dispatch/dispatcher';
export { HTTP_METHODS } from './loading/method-table';
export type { HttpMethod } from './loading/method-table';
