/**
 * @module generateStaticParams with dynamicParams = false: the params it lists are served, any
 * other value answers 404. Its result is computed once per route file and kept as a set of keys.
 *
 *   route /posts/[id], generateStaticParams() -> [{ id: '1' }, { id: '2' }]
 *     { id: '1' } -> listed      { id: '3' } -> not listed (404)
 *   route /docs/[...slug] -> [{ slug: ['a', 'b'] }]
 *     { slug: ['a', 'b'] } -> listed
 */
import type { Segment } from '../routing/types';
import type { Params } from '../dispatch/route-params';

export type GenerateStaticParams = (context: { params: Record<string, unknown> }) => unknown;

/** One key per param set, over the route's own dynamic segment names, in URL order. */
export function paramsKey(segments: Segment[], params: Record<string, unknown>): string {
  let key = '';
  for (const segment of segments) {
    if (segment.kind === 'static') continue;
    const value = params[segment.name];
    key += `${Array.isArray(value) ? value.map(String).join('/') : value === undefined ? '' : String(value)}\u0000`;
  }
  return key;
}

/** Calls generateStaticParams once (route handlers have no parent params) and indexes what it lists. */
export async function listStaticParams(generate: GenerateStaticParams, segments: Segment[], file: string): Promise<Set<string>> {
  const listed = await generate({ params: {} });
  if (!Array.isArray(listed)) {
    throw new TypeError(`generateStaticParams in '${file}' must return an array of params objects, received ${typeof listed}`);
  }
  return new Set(listed.map((params: Record<string, unknown>) => paramsKey(segments, params ?? {})));
}

export function isListed(listed: Set<string>, segments: Segment[], params: Params): boolean {
  return listed.has(paramsKey(segments, params));
}
