/**
 * @module The plain data the routing layer works on: URL segments and scanned route files.
 */

/** One URL segment of a route, as its folder name says (groups, slots and private folders are gone). */
export type Segment =
  /** Literal text as it appears in the URL, decoded (`%5Fdocs` folder -> `_docs`). */
  | { kind: 'static'; value: string }
  /** `[id]`: exactly one segment -> string. */
  | { kind: 'param'; name: string }
  /** `[...slug]`: one or more segments -> string[]. */
  | { kind: 'catchAll'; name: string }
  /** `[[...slug]]`: zero or more segments -> string[], or the key is absent. */
  | { kind: 'optionalCatchAll'; name: string };

/** A route file found by scanRoutes: where it is and which URLs it answers. Never imported here. */
export interface RouteFile {
  /** Absolute path of the route file. */
  file: string;
  /** Posix path relative to the routes folder, e.g. `api/users/[id]/route.ts`. */
  relativeFile: string;
  /** Next-style URL pattern with groups removed, e.g. `/api/users/[id]`; `/` for the root. */
  pattern: string;
  /** The URL segments of `pattern`. */
  segments: Segment[];
}
