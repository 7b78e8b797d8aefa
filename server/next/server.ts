/**
 * @module next/server, as route files import it: `import { NextRequest, NextResponse } from 'next/server'`.
 */
export { NextRequest, NextURL } from './request';
export { NextResponse } from './response';
export { userAgent, userAgentFromString } from './user-agent';
export type { UserAgent } from './user-agent';
export { after, unstable_after } from './after';
export type { AfterTask, AfterCallback } from './after';
export { connection } from './connection';
export type { NextFetchRequestConfig } from './fetch-types'; // and `next` on RequestInit, globally

// Next 13.3 exported these from next/server, before next/cache existed.
export { revalidatePath as unstable_revalidatePath, revalidateTag as unstable_revalidateTag } from './cache';

// proxy.ts / middleware.ts (server/pipeline runs them): the types a proxy file imports.
export type { NextFetchEvent, NextProxy, NextMiddleware, ProxyConfig, MiddlewareConfig } from './proxy-types';
