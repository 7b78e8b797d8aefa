/**
 * @module parseSegment: one folder name -> what it means for the URL (Next's folder conventions).
 */
import { NextpressError } from '../errors';
import type { Segment } from './types';

/** A folder's meaning: a URL segment, or a folder the URL does not see. */
export type FolderSegment = Segment | { kind: 'group' } | { kind: 'private' } | { kind: 'slot' };

const INTERCEPTING = ['(.)', '(..)', '(...)'];

/**
 * Reads one folder name the way Next's App Router does. `folderPath` (default: the name) is the
 * folder's path under the routes folder, quoted in every error so the developer can find it.
 *
 *   'users'        -> { kind: 'static', value: 'users' }
 *   '%5Fdocs'      -> { kind: 'static', value: '_docs' }   (percent-decoded; `_` alone would be private)
 *   '[id]'         -> { kind: 'param', name: 'id' }
 *   '[...slug]'    -> { kind: 'catchAll', name: 'slug' }
 *   '[[...slug]]'  -> { kind: 'optionalCatchAll', name: 'slug' }
 *   '(admin)'      -> { kind: 'group' }      (not in the URL)
 *   '@modal'       -> { kind: 'slot' }       (not in the URL)
 *   '_lib'         -> { kind: 'private' }    (neither it nor anything under it is routable)
 *   '[[id]]', '[[[id]]]', '[.id]', '[…id]', '[]', '(.)photo' -> throws NextpressError BAD_SEGMENT
 */
export function parseSegment(folderName: string, folderPath: string = folderName): FolderSegment {
  if (folderName.startsWith('_')) return { kind: 'private' };
  if (INTERCEPTING.some((marker) => folderName.startsWith(marker))) {
    throw badSegment(
      `Intercepting route folders like '${folderName}' are not supported for route handlers: interception only changes client-side navigation between pages, and a route handler always answers its own URL.`,
      folderPath,
      'Rename the folder without the (.), (..) or (...) prefix, or move the route file out of it.',
    );
  }
  if (folderName.startsWith('(') && folderName.endsWith(')')) return { kind: 'group' };
  if (folderName.startsWith('@')) return { kind: 'slot' };
  if (folderName.startsWith('[') && folderName.endsWith(']')) return parseDynamic(folderName, folderPath);
  return { kind: 'static', value: decodeFolderName(folderName) };
}

/** '[id]' -> param, '[...a]' -> catchAll, '[[...a]]' -> optionalCatchAll; the checks and wording of Next's router. */
function parseDynamic(folderName: string, folderPath: string): Segment {
  let name = folderName.slice(1, -1);
  let optional = false;
  if (name.startsWith('[') && name.endsWith(']')) {
    name = name.slice(1, -1);
    optional = true;
  }
  if (name.includes('…')) {
    throw badSegment(
      `Detected a three-dot character ('…') at ('${name}'). Did you mean ('...')?`,
      folderPath,
      `Type three periods: '${folderName.replaceAll('…', '...')}'.`,
    );
  }
  let catchAll = false;
  if (name.startsWith('...')) {
    name = name.slice(3);
    catchAll = true;
  }
  if (name.startsWith('[') || name.endsWith(']')) {
    throw badSegment(`Segment names may not start or end with extra brackets ('${name}').`, folderPath, "Use '[name]', '[...name]' or '[[...name]]'.");
  }
  if (name.startsWith('.')) {
    throw badSegment(
      `Segment names may not start with erroneous periods ('${name}').`,
      folderPath,
      "Use exactly three periods for a catch-all: '[...name]' or '[[...name]]'.",
    );
  }
  if (optional && !catchAll) {
    throw badSegment(
      `Optional route parameters are not yet supported ("${folderName}").`,
      folderPath,
      `Use '[${name}]' for exactly one segment or '[[...${name}]]' for zero or more.`,
    );
  }
  if (name === '') {
    throw badSegment(`Parameter names cannot be empty ("${folderName}").`, folderPath, "Name the parameter, e.g. '[id]' or '[...slug]'.");
  }
  if (!catchAll) return { kind: 'param', name };
  return optional ? { kind: 'optionalCatchAll', name } : { kind: 'catchAll', name };
}

/** 'caf%C3%A9' -> 'café'; '%5Fdocs' -> '_docs'; '100%' (not valid encoding) -> '100%'. */
function decodeFolderName(name: string): string {
  if (!name.includes('%')) return name;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function badSegment(problem: string, folderPath: string, fix: string): NextpressError {
  return new NextpressError(`${problem} In folder '${folderPath}'. ${fix}`, { code: 'BAD_SEGMENT' });
}
