/**
 * @module compileCustomRoutes: what next.config's `headers()`, `redirects()` and `rewrites()`
 * returned -> checked rules with compiled matchers. A bad entry throws a NextpressError naming
 * the config file, the entry and the fix.
 *   redirects [{ source: '/old', destination: '/new', permanent: true }] -> status 308
 *   redirects [{ source: '/old', destination: '/new', statusCode: 301 }] -> status 301
 *   rewrites [{ ... }]                                  -> all of them `afterFiles`, as in Next
 *   rewrites { beforeFiles, afterFiles, fallback }      -> the three lists
 */
import { NextpressError } from '../errors';
import { compileSource, type Params, type PathMatcher } from './compile-source';
import { matchHas, valueRegExp, type HasInput, type RouteHas } from './match-has';

export interface Rule {
  source: string;
  match: PathMatcher;
  has: RouteHas[] | undefined;
  missing: RouteHas[] | undefined;
  /** false: the source is matched against the full path, basePath included (`basePath: false`). */
  basePath: boolean;
}
export interface HeaderRule extends Rule {
  headers: Array<{ key: string; value: string }>;
}
export interface RedirectRule extends Rule {
  destination: string;
  status: number;
}
export interface RewriteRule extends Rule {
  destination: string;
}

export interface CustomRoutes {
  headers: HeaderRule[];
  redirects: RedirectRule[];
  beforeFiles: RewriteRule[];
  afterFiles: RewriteRule[];
  fallback: RewriteRule[];
}

export interface RawCustomRoutes {
  headers?: unknown;
  redirects?: unknown;
  rewrites?: unknown;
}

const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);

export interface CompileRoutesOptions {
  trailingSlash: boolean;
  /** Called for each field that has no meaning here (`locale`), with where it is: 'redirects[0].locale'. */
  ignored?(where: string): void;
}

export function compileCustomRoutes(raw: RawCustomRoutes, file: string, options: CompileRoutesOptions): CustomRoutes {
  const fail = (where: string, problem: string): never => {
    throw new NextpressError(`Invalid ${where} in ${file}: ${problem}. See https://nextjs.org/docs/app/api-reference/config/next-config-js`, {
      code: 'NEXT_CONFIG_INVALID',
    });
  };
  const list = (value: unknown, where: string): Array<Record<string, unknown>> => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) return fail(where, 'expected an array of routes');
    return value.map((item, index) =>
      typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : fail(`${where}[${index}]`, 'expected an object'),
    );
  };
  const rule = (item: Record<string, unknown>, where: string): Rule => {
    const source = item.source;
    if (typeof source !== 'string' || !source.startsWith('/')) return fail(where, '`source` does not start with /');
    if (item.locale !== undefined) options.ignored?.(`${where}.locale`); // no i18n here
    let match: PathMatcher;
    try {
      // With trailingSlash the pipeline matches paths without their slash; a source written with one matches too.
      match = compileSource(options.trailingSlash && source.length > 1 && source.endsWith('/') ? source.slice(0, -1) : source);
    } catch (error) {
      return fail(where, `\`source\` "${source}" is not a valid path-to-regexp pattern (${(error as Error).message})`);
    }
    return {
      source,
      match,
      has: conditions(item.has, `${where}.has`),
      missing: conditions(item.missing, `${where}.missing`),
      basePath: item.basePath !== false,
    };
  };
  const conditions = (value: unknown, where: string): RouteHas[] | undefined => {
    if (value === undefined) return undefined;
    const items = list(value, where);
    for (const [index, item] of items.entries()) {
      if (!['header', 'cookie', 'query', 'host'].includes(item.type as string))
        fail(`${where}[${index}]`, '`type` must be "header", "cookie", "query" or "host"');
      if (item.type !== 'host' && typeof item.key !== 'string') fail(`${where}[${index}]`, '`key` must be a string');
      if (item.value !== undefined) {
        try {
          valueRegExp(item as unknown as RouteHas);
        } catch (error) {
          fail(`${where}[${index}]`, `\`value\` is not a valid regular expression (${(error as Error).message})`);
        }
      }
    }
    return items as unknown as RouteHas[];
  };
  const destination = (item: Record<string, unknown>, where: string): string => {
    const value = item.destination;
    if (typeof value !== 'string' || !/^(\/|https?:\/\/)/.test(value)) return fail(where, '`destination` must start with / or http(s)://');
    return value;
  };

  const headers = list(raw.headers, 'headers').map((item, index): HeaderRule => {
    const where = `headers[${index}]`;
    const entries = list(item.headers, `${where}.headers`).map((header, at) => {
      if (typeof header.key !== 'string' || typeof header.value !== 'string') fail(`${where}.headers[${at}]`, '`key` and `value` must be strings');
      return { key: header.key as string, value: header.value as string };
    });
    return { ...rule(item, where), headers: entries };
  });

  const redirects = list(raw.redirects, 'redirects').map((item, index): RedirectRule => {
    const where = `redirects[${index}]`;
    let status: number;
    if (item.statusCode !== undefined) {
      if (!REDIRECT_CODES.has(item.statusCode as number)) fail(where, '`statusCode` must be one of 301, 302, 303, 307, 308');
      status = item.statusCode as number;
    } else if (typeof item.permanent === 'boolean') {
      status = item.permanent ? 308 : 307;
    } else {
      return fail(where, '`permanent` must be true or false (or give `statusCode`)');
    }
    return { ...rule(item, where), destination: destination(item, where), status };
  });

  const rewrite =
    (where: string) =>
    (item: Record<string, unknown>, index: number): RewriteRule => ({
      ...rule(item, `${where}[${index}]`),
      destination: destination(item, `${where}[${index}]`),
    });
  const rewrites = raw.rewrites;
  let beforeFiles: RewriteRule[] = [];
  let afterFiles: RewriteRule[] = [];
  let fallback: RewriteRule[] = [];
  if (Array.isArray(rewrites) || rewrites === undefined) {
    afterFiles = list(rewrites, 'rewrites').map(rewrite('rewrites'));
  } else if (typeof rewrites === 'object' && rewrites !== null) {
    const groups = rewrites as Record<string, unknown>;
    beforeFiles = list(groups.beforeFiles, 'rewrites.beforeFiles').map(rewrite('rewrites.beforeFiles'));
    afterFiles = list(groups.afterFiles, 'rewrites.afterFiles').map(rewrite('rewrites.afterFiles'));
    fallback = list(groups.fallback, 'rewrites.fallback').map(rewrite('rewrites.fallback'));
  } else {
    fail('rewrites', 'expected an array, or { beforeFiles, afterFiles, fallback }');
  }
  return { headers, redirects, beforeFiles, afterFiles, fallback };
}

/** A rule against one request: the params of its source and its `has` conditions, or undefined. */
export function matchRule(rule: Rule, pathname: string, fullPathname: string, input: HasInput): Params | undefined {
  const params = rule.match(rule.basePath ? pathname : fullPathname);
  if (params === undefined) return undefined;
  if (rule.has === undefined && rule.missing === undefined) return params;
  const captured = matchHas(input, rule.has, rule.missing);
  return captured === undefined ? undefined : { ...params, ...captured };
}
