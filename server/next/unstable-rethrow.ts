/**
 * @module unstable_rethrow() of next/navigation: in a user's catch block, throws the error again if
 * it is Next's control flow (redirect, notFound, forbidden, unauthorized, dynamic-usage bailouts),
 * also when it is wrapped as another error's `cause`; does nothing for any other error.
 *
 *   try { redirect('/a') } catch (e) { unstable_rethrow(e) }       -> the redirect goes on (307)
 *   try { notFound() } catch (e) { unstable_rethrow(e) }           -> 404
 *   unstable_rethrow(new Error('db down'))                         -> returns; handle it yourself
 *   unstable_rethrow(new Error('x', { cause: redirectError }))     -> throws the cause
 */
import { isHTTPAccessFallbackError, isNotFoundError } from './http-access-fallback';
import { isRedirectError } from './redirect';

/** Digests Next uses for prerendering bailouts; they must not be swallowed either. */
const BAILOUT_DIGESTS = new Set(['DYNAMIC_SERVER_USAGE', 'BAILOUT_TO_CLIENT_SIDE_RENDERING', 'HANGING_PROMISE_REJECTION', 'NEXT_PRERENDER_INTERRUPTED']);

export function unstable_rethrow(error: unknown): void {
  if (isNextControlFlow(error)) throw error;
  if (error instanceof Error && 'cause' in error) unstable_rethrow(error.cause);
}

function isNextControlFlow(error: unknown): boolean {
  if (isRedirectError(error) || isHTTPAccessFallbackError(error) || isNotFoundError(error)) return true;
  const digest = typeof error === 'object' && error !== null ? (error as { digest?: unknown }).digest : undefined;
  return typeof digest === 'string' && BAILOUT_DIGESTS.has(digest);
}
