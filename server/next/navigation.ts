/**
 * @module next/navigation, as route files import it:
 * `import { redirect, permanentRedirect, notFound } from 'next/navigation'`.
 * Everything Next exports to server code, plus the digest helpers Next keeps internal
 * (`isRedirectError`, ...; code written for Next reaches them through `next/dist/...` paths),
 * and throwing stand-ins for the Client Component hooks.
 */

// Thrown control flow (the dispatcher turns these into 307/308 + Location, or an empty 404/403/401)
export { redirect, permanentRedirect, RedirectType } from './redirect';
export { notFound, forbidden, unauthorized } from './http-access-fallback';
export { unstable_rethrow } from './unstable-rethrow';

// Recognising them in a catch block
export {
  isRedirectError,
  getRedirectError,
  getURLFromRedirectError,
  getRedirectTypeFromError,
  getRedirectStatusCodeFromError,
  RedirectStatusCode,
} from './redirect';
export type { RedirectError } from './redirect';
export { isHTTPAccessFallbackError, getAccessFallbackHTTPStatus, isNotFoundError, HTTPAccessErrorStatus } from './http-access-fallback';
export type { HTTPAccessFallbackError } from './http-access-fallback';

// Client Components only: present so shared imports load, throwing if called
export {
  ReadonlyURLSearchParams,
  useRouter,
  usePathname,
  useSearchParams,
  useParams,
  useSelectedLayoutSegment,
  useSelectedLayoutSegments,
  useServerInsertedHTML,
  unstable_isUnrecognizedActionError,
} from './client-hooks';
