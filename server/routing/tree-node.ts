/**
 * @module TreeNode: one URL level of the route tree, the one structure that holds the routes (as
 * Next's UrlNode does): insertRoute fills it and refuses Next's conflicts, createRouteTree matches
 * paths in it and lists its routes in Next's order.
 */
import type { Segment } from './types';

/** One route, as given to the tree. */
export interface TreeEntry<T> {
  segments: Segment[];
  /** What a match or the ordered list returns for this route. */
  value: T;
  /** The route file's posix path under the routes folder, quoted in conflict messages (absent: the message gives positions). */
  relativeFile?: string;
}

export interface TreeNode<T> {
  /** The first route whose segments end here: what a match returns. */
  leaf: TreeEntry<T> | undefined;
  /** Later routes with the same segments (another group or slot): kept for the order, never matched. */
  twins: TreeEntry<T>[] | undefined;
  /** Static children by decoded value. */
  statics: Map<string, TreeNode<T>> | undefined;
  param: TreeNode<T> | undefined;
  catchAll: TreeNode<T> | undefined;
  optional: TreeNode<T> | undefined;
  /** A dynamic node's slug name (one per level, as in Next), given by its first route, `claimedBy`. */
  slug: string | undefined;
  claimedBy: TreeEntry<T> | undefined;
}

export function newNode<T>(slug?: string, claimedBy?: TreeEntry<T>): TreeNode<T> {
  return { leaf: undefined, twins: undefined, statics: undefined, param: undefined, catchAll: undefined, optional: undefined, slug, claimedBy };
}
