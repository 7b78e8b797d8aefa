/**
 * @module toPattern: URL segments -> the Next-style pattern that names them in tables and messages.
 *
 *   []                                  -> '/'
 *   [static api, param id]              -> '/api/[id]'
 *   [static docs, catchAll slug]        -> '/docs/[...slug]'
 *   [static shop, optionalCatchAll s]   -> '/shop/[[...s]]'
 *   [static 'a/b'], [static '100%']     -> '/a%2Fb', '/100%25'  (a value's '/' and '%' stay encoded)
 */
import type { Segment } from './types';

export function toPattern(segments: Segment[]): string {
  let pattern = '';
  for (const segment of segments) pattern += '/' + formatSegment(segment);
  return pattern || '/';
}

function formatSegment(segment: Segment): string {
  switch (segment.kind) {
    case 'static':
      // '%' and '/' stay encoded, so the pattern is a path and 'a%2Fb' is not mistaken for 'a/b'.
      return segment.value.replaceAll('%', '%25').replaceAll('/', '%2F');
    case 'param':
      return `[${segment.name}]`;
    case 'catchAll':
      return `[...${segment.name}]`;
    case 'optionalCatchAll':
      return `[[...${segment.name}]]`;
  }
}
