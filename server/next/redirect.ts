/**
 * @module redirect() and permanentRedirect() of next/navigation: thrown errors carrying Next's
 * own digest, so the dispatcher (and anything written against Next) recognises them by the
 * string, whichever copy of this module threw them.
 *
 *   redirect('/login')                    -> digest 'NEXT_REDIRECT;replace;/login;307;'  -> 307, Location: /login
 *   redirect('/a', RedirectType.push)     -> digest 'NEXT_REDIRECT;push;/a;307;'
 *   permanentRedirect('https://b.test/')  -> digest 'NEXT_REDIRECT;replace;https://b.test/;308;' -> 308
 *   isRedirectError(new Error('x'))       -> false
 *
 * The message is 'NEXT_REDIRECT', as in Next. (Next answers 303 only inside Server Actions,
 * which route handlers are not.)
 */
export const REDIRECT_ERROR_CODE = 'NEXT_REDIRECT';

export const RedirectType = { push: 'push', replace: 'replace' } as const;
export type RedirectType = (typeof RedirectType)[keyof typeof RedirectType];

export const RedirectStatusCode = { SeeOther: 303, TemporaryRedirect: 307, PermanentRedirect: 308 } as const;
export type RedirectStatusCode = (typeof RedirectStatusCode)[keyof typeof RedirectStatusCode];
const STATUSES = new Set<number>([303, 307, 308]);

export type RedirectError = Error & {
  digest: `${typeof REDIRECT_ERROR_CODE};${RedirectType};${string};${RedirectStatusCode};`;
};

export function getRedirectError(url: string, type: RedirectType, statusCode: RedirectStatusCode = 307): RedirectError {
  const error = new Error(REDIRECT_ERROR_CODE) as RedirectError;
  error.digest = `${REDIRECT_ERROR_CODE};${type};${url};${statusCode};`;
  return error;
}

/** Ends the handler with a 307 to `url` (relative or absolute); cookies set before are kept. */
export function redirect(url: string, type: RedirectType = RedirectType.replace): never {
  throw getRedirectError(url, type, RedirectStatusCode.TemporaryRedirect);
}

/** Ends the handler with a 308 to `url`; cookies set before are kept. */
export function permanentRedirect(url: string, type: RedirectType = RedirectType.replace): never {
  throw getRedirectError(url, type, RedirectStatusCode.PermanentRedirect);
}

/** True for an error thrown by redirect()/permanentRedirect() (any copy, Next's included). */
export function isRedirectError(error: unknown): error is RedirectError {
  if (typeof error !== 'object' || error === null) return false;
  const digest = (error as { digest?: unknown }).digest;
  if (typeof digest !== 'string') return false;
  const parts = digest.split(';');
  if (parts.length < 4) return false;
  const [code, type] = parts;
  return code === REDIRECT_ERROR_CODE && (type === 'replace' || type === 'push') && STATUSES.has(Number(parts.at(-2)));
}

/** The destination of a redirect error (it may contain ';'), or null for anything else. */
export function getURLFromRedirectError(error: unknown): string | null {
  if (!isRedirectError(error)) return null;
  return error.digest.split(';').slice(2, -2).join(';');
}

export function getRedirectTypeFromError(error: RedirectError): RedirectType {
  if (!isRedirectError(error)) throw new Error('Not a redirect error');
  return error.digest.split(';', 2)[1] as RedirectType;
}

export function getRedirectStatusCodeFromError(error: RedirectError): number {
  if (!isRedirectError(error)) throw new Error('Not a redirect error');
  return Number(error.digest.split(';').at(-2));
}
