/**
 * @module Next's implicit tags: every cached response is filed under its route file's path tags
 * and its URL path, so `revalidatePath()` is a `revalidateTag()` of one of them.
 *
 *   page '/api/posts/[id]/route', path '/api/posts/7' ->
 *     _N_T_/layout, _N_T_/api/layout, _N_T_/api/posts/layout, _N_T_/api/posts/[id]/layout,
 *     _N_T_/api/posts/[id]/route, _N_T_/api/posts/7
 *
 *   revalidatePath('/api/posts/7')              -> _N_T_/api/posts/7
 *   revalidatePath('/api/posts/[id]', 'layout') -> _N_T_/api/posts/[id]/layout  (every id)
 *   revalidatePath('/', 'layout')               -> _N_T_/layout                 (everything)
 */

/** Next's NEXT_CACHE_IMPLICIT_TAG_ID. */
export const IMPLICIT_TAG_PREFIX = '_N_T_';

/** A route file's page path: 'api/posts/[id]/route.ts' -> '/api/posts/[id]/route' (groups kept, as in Next). */
export function toPage(relativeFile: string): string {
  return `/${relativeFile.replace(/\\/g, '/').replace(/\.[^./]+$/, '')}`;
}

/** The tags derived from a page path (the URL path's tag is added per request). */
export function pageTags(page: string): string[] {
  const tags = [`${IMPLICIT_TAG_PREFIX}/layout`];
  const parts = page.split('/');
  for (let i = 2; i <= parts.length; i++) {
    let current = parts.slice(0, i).join('/');
    if (!current.endsWith('/page') && !current.endsWith('/route')) current = `${current}${current.endsWith('/') ? '' : '/'}layout`;
    tags.push(`${IMPLICIT_TAG_PREFIX}${current}`);
  }
  return tags;
}

/** The tags revalidatePath(path, type) expires, as Next computes them. */
export function revalidatePathTags(originalPath: string, type?: 'layout' | 'page'): string[] {
  const trimmed = originalPath.length > 1 && originalPath.endsWith('/') ? originalPath.replace(/\/+$/, '') || '/' : originalPath;
  let tag = `${IMPLICIT_TAG_PREFIX}${trimmed}`;
  if (type) tag += `${tag.endsWith('/') ? '' : '/'}${type}`;
  if (tag === `${IMPLICIT_TAG_PREFIX}/`) return [tag, `${IMPLICIT_TAG_PREFIX}/index`];
  if (tag === `${IMPLICIT_TAG_PREFIX}/index`) return [tag, `${IMPLICIT_TAG_PREFIX}/`];
  return [tag];
}
