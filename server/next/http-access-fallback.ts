/**
 * @module notFound(), forbidden() and unauthorized() of next/navigation: thrown errors with Next's
 * digest; the dispatcher answers the status with an empty body (cookies set before are kept).
 *
 *   notFound()      -> message and digest 'NEXT_HTTP_ERROR_FALLBACK;404' -> 404
 *   forbidden()     -> 'NEXT_HTTP_ERROR_FALLBACK;403'                    -> 403
 *   unauthorized()  -> 'NEXT_HTTP_ERROR_FALLBACK;401'                    -> 401
 *   isHTTPAccessFallbackError({ digest: 'NEXT_NOT_FOUND' }) -> false (Next 13/14's digest: see isNotFoundError)
 *
 * Next 15.1+ needs `experimental.authInterrupts` for forbidden()/unauthorized(); here they always work.
 */
export const HTTP_ERROR_FALLBACK_ERROR_CODE = 'NEXT_HTTP_ERROR_FALLBACK';

export const HTTPAccessErrorStatus = { NOT_FOUND: 404, FORBIDDEN: 403, UNAUTHORIZED: 401 } as const;
const ALLOWED = new Set<number>([404, 403, 401]);

export type HTTPAccessFallbackError = Error & { digest: `${typeof HTTP_ERROR_FALLBACK_ERROR_CODE};${string}` };

function fallbackError(status: number): HTTPAccessFallbackError {
  const digest = `${HTTP_ERROR_FALLBACK_ERROR_CODE};${status}` as const;
  const error = new Error(digest) as HTTPAccessFallbackError;
  error.digest = digest;
  return error;
}

/** Ends the handler with an empty 404. */
export function notFound(): never {
  throw fallbackError(404);
}

/** Ends the handler with an empty 403. */
export function forbidden(): never {
  throw fallbackError(403);
}

/** Ends the handler with an empty 401. */
export function unauthorized(): never {
  throw fallbackError(401);
}

export function isHTTPAccessFallbackError(error: unknown): error is HTTPAccessFallbackError {
  if (typeof error !== 'object' || error === null) return false;
  const digest = (error as { digest?: unknown }).digest;
  if (typeof digest !== 'string') return false;
  const [prefix, status] = digest.split(';');
  return prefix === HTTP_ERROR_FALLBACK_ERROR_CODE && ALLOWED.has(Number(status));
}

export function getAccessFallbackHTTPStatus(error: HTTPAccessFallbackError): number {
  return Number(error.digest.split(';')[1]);
}

/** True for notFound() of any era: today's digest, or Next 13/14's 'NEXT_NOT_FOUND'. */
export function isNotFoundError(error: unknown): boolean {
  if (isHTTPAccessFallbackError(error)) return getAccessFallbackHTTPStatus(error) === 404;
  return typeof error === 'object' && error !== null && (error as { digest?: unknown }).digest === 'NEXT_NOT_FOUND';
}
