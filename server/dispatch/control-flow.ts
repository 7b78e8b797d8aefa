/**
 * @module Next's thrown control flow (`redirect()`, `permanentRedirect()`, `notFound()`,
 * `forbidden()`, `unauthorized()`), recognised by Next's own `digest` strings, so errors thrown by
 * any copy of next/navigation (ours, or code written against Next's) map to the same responses.
 *
 *   'NEXT_REDIRECT;replace;/login;307;'          -> { status: 307, location: '/login' }
 *   'NEXT_REDIRECT;push;https://a.test/x;308;'   -> { status: 308, location: 'https://a.test/x' }
 *   'NEXT_HTTP_ERROR_FALLBACK;404'               -> { status: 404 }
 *   'NEXT_REDIRECT;replace;/x;true' (13.4-14.0)  -> { status: 308, location: '/x' }
 *   'NEXT_NOT_FOUND' (Next 13/14)                -> { status: 404 }
 *   anything else                                -> undefined
 */
export interface ControlFlow {
  status: number;
  location?: string;
}

export function toControlFlow(error: unknown): ControlFlow | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const digest = (error as { digest?: unknown }).digest;
  if (typeof digest !== 'string') return undefined;
  if (digest.startsWith('NEXT_REDIRECT;')) {
    const parts = digest.split(';');
    // 13.4-14.0: NEXT_REDIRECT;{type};{url};{permanent: true|false}
    const last = parts.at(-1);
    if (last === 'true' || last === 'false') return { status: last === 'true' ? 308 : 307, location: parts.slice(2, -1).join(';') };
    // 14.1+: NEXT_REDIRECT;{type};{url, may contain ';'};{status};
    const status = Number(parts.at(-2));
    if (Number.isInteger(status) && status >= 300 && status < 400) {
      return { status, location: parts.slice(2, -2).join(';') };
    }
    return { status: 307, location: parts.slice(2).join(';') };
  }
  if (digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;')) {
    const status = Number(digest.slice('NEXT_HTTP_ERROR_FALLBACK;'.length));
    return Number.isInteger(status) ? { status } : undefined;
  }
  if (digest === 'NEXT_NOT_FOUND') return { status: 404 };
  return undefined;
}
