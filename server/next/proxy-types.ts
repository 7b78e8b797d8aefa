/**
 * @module The types of a proxy.ts / middleware.ts file, as `next/server` exports them: the second
 * argument (`event.waitUntil`), the function, and `config.matcher`. Types only.
 */
import type { NextRequest } from './request';

export interface NextFetchEvent {
  /** Keeps work going after the response; awaited before shutdown, errors logged (like after()). */
  waitUntil(promise: Promise<unknown>): void;
}

type ProxyResult = Response | null | undefined | void;
export type NextProxy = (request: NextRequest, event: NextFetchEvent) => ProxyResult | Promise<ProxyResult>;
/** Next 12-15's name for NextProxy. */
export type NextMiddleware = NextProxy;

interface MatcherCondition {
  type: 'header' | 'cookie' | 'query' | 'host';
  key?: string;
  value?: string;
}
type Matcher = string | { source: string; has?: MatcherCondition[]; missing?: MatcherCondition[]; locale?: false };

export interface ProxyConfig {
  matcher?: Matcher | Matcher[];
  /** Next 15 middleware only; everything runs on Node here. */
  runtime?: string;
}
export type MiddlewareConfig = ProxyConfig;
