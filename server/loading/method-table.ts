/**
 * @module The method table of one route file, built once when it is loaded (Next's
 * auto-implemented methods): HEAD from GET, OPTIONS answered with `Allow`, and the `Allow` list
 * every 405 carries.
 *
 *   exports { GET }          -> GET, HEAD (GET without body), OPTIONS (204); Allow: GET, HEAD, OPTIONS
 *   exports { POST, PUT }    -> POST, PUT, OPTIONS (204); GET/HEAD/DELETE/PATCH -> 405
 *   exports { GET, HEAD }    -> HEAD runs the file's own HEAD
 *   exports { OPTIONS }      -> OPTIONS runs the file's own OPTIONS
 */

export const HTTP_METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type RouteHandler = (request: Request, context: { params: unknown }) => unknown;

export interface MethodEntry {
  handler: RouteHandler;
  /** True when HEAD is served by GET: the body is dropped. */
  head: boolean;
}

export interface MethodTable {
  /** Methods the file serves (exported, or HEAD through GET). OPTIONS is absent when automatic. */
  entries: Partial<Record<HttpMethod, MethodEntry>>;
  /** The `Allow` header value: OPTIONS, the exported methods and HEAD when GET is exported, sorted. */
  allow: string;
  /** The methods the file exports itself. */
  exported: HttpMethod[];
}

const KNOWN = new Set<string>(HTTP_METHODS);

/** True for the seven methods a route file may export; any other method name answers 400 (as in Next). */
export function isKnownMethod(method: string): method is HttpMethod {
  return KNOWN.has(method);
}

export function buildMethodTable(mod: Record<string, unknown>): MethodTable {
  const entries: Partial<Record<HttpMethod, MethodEntry>> = {};
  const exported: HttpMethod[] = [];
  for (const method of HTTP_METHODS) {
    const handler = mod[method];
    if (typeof handler === 'function') {
      entries[method] = { handler: handler as RouteHandler, head: false };
      exported.push(method);
    }
  }
  if (entries.HEAD === undefined && entries.GET !== undefined) entries.HEAD = { handler: entries.GET.handler, head: true };
  const allow = new Set<string>(['OPTIONS', ...exported]);
  if (entries.GET !== undefined) allow.add('HEAD');
  return { entries, allow: [...allow].sort().join(', '), exported };
}
