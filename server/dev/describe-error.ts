/**
 * @module describeError: a route's error -> what development's error page shows: the message, the
 * route file, where it was thrown in the user's source (the first frame of a project file: not
 * node_modules, not Node's, not nextpress's) with a code frame of that line, and the cleaned stack.
 * jiti keeps the lines and columns of the TypeScript source, so a frame's file:line is the line
 * the user wrote. A load failure (a syntax error) names its place in the message instead.
 *
 *   throw new Error('boom') at app/api/x/route.ts:8:11
 *     -> { name: 'Error', message: 'boom', route: 'api/x/route.ts', file: 'app/api/x/route.ts',
 *          line: 8, column: 11, codeFrame: '   7 | ...\n>  8 |     throw ...\n     |           ^', stack: [...] }
 *   ParseError ... /app/app/api/x/route.ts:2:12 (a load failure's cause) -> file, line 2, column 12
 *   thrown in node_modules only, or a source that cannot be read -> no file/line/codeFrame
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeFrameColumns } from '@babel/code-frame';
import { cleanStack, ENGINE_DIRS, stackUtilsFor } from './clean-stack';

export interface ErrorDescription {
  name: string;
  message: string;
  /** The route file, relative to the routes folder (as the route table names it); absent outside a route. */
  route?: string;
  /** Where it was thrown, relative to the project root (or absolute outside it). */
  file?: string;
  line?: number;
  column?: number;
  /** The source around that line, the line marked (no colours). */
  codeFrame?: string;
  /** The stack's frames, without Node's and Express's (clean-stack.ts). */
  stack: string[];
}

interface Place {
  file: string;
  line: number;
  column: number;
}

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
/**
 * `/abs/file.ts:2:12` inside a message (jiti's ParseError, a RouteLoadError's cause); an absolute
 * path only, not the tail of a relative one ('app/x/route.ts:2:12' in a RouteLoadError's own message).
 */
const PLACE_IN_MESSAGE = /(?:^|[\s'"(])(\/[^\s:()'"]+):(\d+):(\d+)/;

export function describeError(error: unknown, root: string, route?: string): ErrorDescription {
  const { name, message, stack } = errorParts(error);
  const place = thrownAt(stack, root) ?? placeInMessages(error);
  const description: ErrorDescription = { name, message, ...(route === undefined ? {} : { route }), stack: cleanStack(stack, root) };
  if (place === undefined) return description;
  const relative = path.relative(root, place.file);
  description.file = relative.startsWith('..') || path.isAbsolute(relative) ? place.file : relative.split(path.sep).join('/');
  description.line = place.line;
  description.column = place.column;
  const frame = codeFrame(place);
  if (frame !== undefined) description.codeFrame = frame;
  return description;
}

function errorParts(error: unknown): { name: string; message: string; stack: string } {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) {
    const { name, message, stack } = error as Partial<Error>;
    return { name: typeof name === 'string' ? name : 'Error', message: String(message), stack: typeof stack === 'string' ? stack : '' };
  }
  return { name: 'Error', message: String(error), stack: '' };
}

/** The first frame in a file of the user's: inside no node_modules, not Node's, not the engine's. */
function thrownAt(stack: string, root: string): Place | undefined {
  const utils = stackUtilsFor(root);
  for (const line of stack.split('\n')) {
    if (!/^\s*at /.test(line)) continue;
    const frame = utils.parseLine(line);
    if (frame?.file === undefined || frame.line === undefined) continue;
    const file = toPath(frame.file, root);
    if (file === undefined || file.includes(NODE_MODULES) || ENGINE_DIRS.some((dir) => file.startsWith(dir))) continue;
    return { file, line: frame.line, column: frame.column ?? 1 };
  }
  return undefined;
}

/** A frame's file -> an absolute path; undefined for node:internal, native and eval frames. */
function toPath(file: string, root: string): string | undefined {
  if (file.startsWith('file://')) return fileURLToPath(file);
  if (file.startsWith('node:') || file === 'native' || file.startsWith('<')) return undefined;
  return path.resolve(root, file);
}

function placeInMessages(error: unknown): Place | undefined {
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    const message = (current as { message?: unknown }).message;
    const found = typeof message === 'string' ? PLACE_IN_MESSAGE.exec(message) : null;
    if (found !== null) return { file: found[1], line: Number(found[2]), column: Number(found[3]) };
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function codeFrame(place: Place): string | undefined {
  let source: string;
  try {
    source = fs.readFileSync(place.file, 'utf8');
  } catch {
    return undefined;
  }
  const frame = codeFrameColumns(source, { start: { line: place.line, column: place.column } }, { highlightCode: false, linesAbove: 2, linesBelow: 2 });
  return frame === '' ? undefined : frame; // a line past the end: the stack is of compiled code
}
