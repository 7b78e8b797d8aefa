/**
 * @module The `next` package root, for `import type { NextConfig } from 'next'` in next.config.ts
 * (create-next-app writes exactly that). Types only: the options nextpress reads are typed, any
 * other option is accepted (and ignored at start, with a warning). See server/pipeline.
 */

export interface RouteHas {
  type: 'header' | 'cookie' | 'query' | 'host';
  key?: string;
  value?: string;
}

interface RouteBase {
  source: string;
  has?: RouteHas[];
  missing?: RouteHas[];
  basePath?: false;
  locale?: false;
}

export interface Header extends RouteBase {
  headers: Array<{ key: string; value: string }>;
}

export type Redirect = RouteBase & { destination: string } & (
    | { permanent: boolean; statusCode?: never }
    | { statusCode: 301 | 302 | 303 | 307 | 308; permanent?: never }
  );

export interface Rewrite extends RouteBase {
  destination: string;
}

export interface NextConfig {
  basePath?: string;
  trailingSlash?: boolean;
  skipTrailingSlashRedirect?: boolean;
  skipProxyUrlNormalize?: boolean;
  skipMiddlewareUrlNormalize?: boolean;
  env?: Record<string, string | undefined>;
  headers?: () => Promise<Header[]> | Header[];
  redirects?: () => Promise<Redirect[]> | Redirect[];
  rewrites?: () =>
    | Promise<Rewrite[] | { beforeFiles?: Rewrite[]; afterFiles?: Rewrite[]; fallback?: Rewrite[] }>
    | Rewrite[]
    | { beforeFiles?: Rewrite[]; afterFiles?: Rewrite[]; fallback?: Rewrite[] };
  [option: string]: unknown;
}
