/**
 * @module readExportedMethods: a route file's source text -> the HTTP methods it exports (no import).
 */
import { stripNonCode } from './strip-non-code';
import { HTTP_METHODS } from '../loading/method-table';

export interface ExportedMethods {
  /** Uppercase method exports, in Next's method order (GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH). */
  methods: string[];
  /** Lowercase method exports (`get`), which Next ignores and warns about. */
  lowercase: string[];
  /** Whether the file has a default export (Next warns about it). */
  hasDefault: boolean;
  /** False when the file exports names this scan cannot see (`export *`, `module.exports = x`). */
  exact: boolean;
}

const METHODS: readonly string[] = HTTP_METHODS;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const WORD = /[A-Za-z_$][\w$]*/y;
const SKIPPED = new Set(['type', 'interface', 'declare', 'namespace', 'module']);
const STATEMENT_START = /^(?:export|import|function|class|const|let|var|async|type|interface|enum)\b/;

/**
 * Lists the exports of a route file by scanning its text, with comments and strings blanked first.
 * Type-only exports (`export type`, `export interface`, `export declare`) are not values and are skipped.
 *
 *   'export async function GET() {}'               -> { methods: ['GET'], lowercase: [], hasDefault: false, exact: true }
 *   'export const PUT = h, DELETE = h'             -> { methods: ['PUT', 'DELETE'], ... }
 *   'export const { GET, POST } = handlers'        -> { methods: ['GET', 'POST'], ... }
 *   'export { handler as GET, handler as POST }'   -> { methods: ['GET', 'POST'], ... }
 *   "export { GET } from './x'"                    -> { methods: ['GET'], ... }
 *   'export function get() {}'                     -> { methods: [], lowercase: ['get'], ... }
 *   'export default function handler() {}'         -> { methods: [], hasDefault: true, ... }
 *   "export * from './x'"                          -> { methods: [], exact: false, ... }
 *   'exports.GET = handler'  (CommonJS)            -> { methods: ['GET'], ... }
 *   '// export function GET() {}'                  -> { methods: [], ... }
 */
export function readExportedMethods(source: string): ExportedMethods {
  const code = stripNonCode(source);
  const names = new Set<string>();
  let exact = true;

  for (const match of code.matchAll(/\bexport\b/g)) {
    const before = code[match.index - 1];
    if (before === '.' || before === '$' || before === '"') continue;
    if (!readEsmExport(code, match.index + 6, names)) exact = false;
  }
  if (!readCommonJsExports(code, names)) exact = false;

  const lowercase = METHODS.map((method) => method.toLowerCase()).filter((name) => names.has(name));
  return { methods: METHODS.filter((method) => names.has(method)), lowercase, hasDefault: names.has('default'), exact };
}

/** Reads the statement after one `export` keyword into `names`; false when it cannot tell what it exports. */
function readEsmExport(code: string, at: number, names: Set<string>): boolean {
  let p = skipSpace(code, at);
  const char = code[p];
  if (char === '{') {
    const close = code.indexOf('}', p);
    return readSpecifiers(code.slice(p + 1, close === -1 ? code.length : close), names);
  }
  if (char === '*') {
    p = skipSpace(code, p + 1);
    if (wordAt(code, p) !== 'as') return false; // export * from './x': unknown names
    const name = wordAt(code, skipSpace(code, p + 2));
    if (name === undefined) return false;
    names.add(name);
    return true;
  }
  let keyword = wordAt(code, p);
  if (keyword === undefined) return false; // `export = x` (TypeScript CommonJS) or something unexpected
  if (keyword === 'default') {
    names.add('default');
    return true;
  }
  if (SKIPPED.has(keyword)) return true;
  p = skipSpace(code, p + keyword.length);
  if (keyword === 'async' || keyword === 'abstract') {
    keyword = wordAt(code, p);
    if (keyword === undefined) return false;
    p = skipSpace(code, p + keyword.length);
  }
  if (keyword === 'function' || keyword === 'class' || keyword === 'enum' || keyword === 'import') {
    if (code[p] === '*') p = skipSpace(code, p + 1);
    const name = wordAt(code, p);
    if (name === undefined) return false;
    names.add(name);
    return true;
  }
  if (keyword === 'const' || keyword === 'let' || keyword === 'var') {
    if (wordAt(code, p) === 'enum') return true; // const enum: a type, gone at run time
    return readDeclarators(code, p, names);
  }
  return false;
}

/** 'a as GET, POST, type T, x as default' -> GET, POST, default. */
function readSpecifiers(list: string, names: Set<string>): boolean {
  let known = true;
  for (const raw of list.split(',')) {
    const specifier = raw.trim();
    if (specifier === '') continue;
    const parts = specifier.split(/\s+/);
    if (parts[0] === 'type' && parts.length !== 1 && parts[1] !== 'as') continue; // `type T`, `type T as U`
    const exported = parts.length === 3 && parts[1] === 'as' ? parts[2] : parts.length === 1 ? parts[0] : undefined;
    const name = exported?.replace(/^(["'])(.*)\1$/, '$2');
    if (name === undefined || !IDENTIFIER.test(name)) known = false;
    else names.add(name);
  }
  return known;
}

/** `GET = a, { POST, put: PUT } = b, [x] = c;` from `at` -> GET, POST, PUT, x. */
function readDeclarators(code: string, at: number, names: Set<string>): boolean {
  let p = at;
  for (;;) {
    p = skipSpace(code, p);
    const open = code[p];
    if (open === '{' || open === '[') {
      const close = matchingClose(code, p);
      if (close === -1 || !readBindingNames(code.slice(p, close + 1), names)) return false;
      p = close + 1;
    } else {
      const name = wordAt(code, p);
      if (name === undefined) return false;
      names.add(name);
      p += name.length;
    }
    p = skipInitializer(code, p);
    if (code[p] !== ',') return true;
    p++;
  }
}

/** Skips a declarator's type and initializer; stops at the `,` before the next declarator, or at the statement's end. */
function skipInitializer(code: string, at: number): number {
  let depth = 0;
  let inType = true; // before `=`, `<` and `>` are type brackets
  for (let p = at; p < code.length; p++) {
    const c = code[p];
    if (c === '(' || c === '[' || c === '{' || (inType && c === '<')) depth++;
    else if (c === ')' || c === ']' || c === '}' || (inType && c === '>' && code[p - 1] !== '=')) depth--;
    else if (c === '=' && inType && depth === 0 && code[p + 1] !== '>') inType = false;
    if (depth < 0) return p;
    if (depth !== 0) continue;
    if (c === ';') return p;
    if (c === ',' && startsDeclarator(code, p + 1)) return p;
    if (c === '\n' && STATEMENT_START.test(code.slice(skipSpace(code, p), skipSpace(code, p) + 12))) return p;
  }
  return code.length;
}

/** After a top-level comma: `name =`, `name:`, `name,`, `name;`, or a destructuring pattern. */
function startsDeclarator(code: string, at: number): boolean {
  const p = skipSpace(code, at);
  if (code[p] === '{' || code[p] === '[') return true;
  const name = wordAt(code, p);
  if (name === undefined) return false;
  const q = skipSpace(code, p + name.length);
  const c = code[q];
  return q >= code.length || c === ':' || c === ',' || c === ';' || (c === '=' && code[q + 1] !== '=' && code[q + 1] !== '>');
}

/** '{ a, b: c, d = 1, ...e }' -> a, c, d, e; '[x, , [y]]' -> x, y. */
function readBindingNames(pattern: string, names: Set<string>): boolean {
  const isObject = pattern[0] === '{';
  for (const raw of splitTopLevel(pattern.slice(1, -1), ',')) {
    let element = raw.trim();
    if (element === '') continue;
    element = splitTopLevel(element, '=')[0].trim(); // drop a default value
    if (element.startsWith('...')) element = element.slice(3).trim();
    else if (isObject) {
      const pair = splitTopLevel(element, ':');
      if (pair.length > 1) element = pair.slice(1).join(':').trim();
    }
    if (element[0] === '{' || element[0] === '[') {
      if (!readBindingNames(element, names)) return false;
    } else if (IDENTIFIER.test(element)) names.add(element);
    else return false;
  }
  return true;
}

/** CommonJS: `exports.GET =`, `module.exports.GET =`, `exports["GET"] =`, `Object.defineProperty(exports, "GET"`, `module.exports = { GET }`. */
function readCommonJsExports(code: string, names: Set<string>): boolean {
  let known = true;
  const add = (name: string) => {
    if (name.trim() === '') known = false;
    else if (name !== '__esModule') names.add(name);
  };
  for (const m of code.matchAll(/(?<![\w$.])(?:module\s*\.\s*)?exports\s*\.\s*([A-Za-z_$][\w$]*)\s*=(?![=>])/g)) add(m[1]);
  for (const m of code.matchAll(/(?<![\w$.])(?:module\s*\.\s*)?exports\s*\[\s*(["'])([^"']*)\1\s*\]\s*=(?![=>])/g)) add(m[2]);
  for (const m of code.matchAll(/\bObject\s*\.\s*defineProperty\s*\(\s*(?:module\s*\.\s*)?exports\s*,\s*(["'])([^"']*)\1/g)) add(m[2]);
  if (/\b__exportStar\s*\(|\b__export\s*\(/.test(code)) known = false;
  for (const m of code.matchAll(/(?<![\w$.])module\s*\.\s*exports\s*=(?![=>])/g)) {
    const p = skipSpace(code, m.index + m[0].length);
    const close = code[p] === '{' ? matchingClose(code, p) : -1;
    if (close === -1 || !readObjectKeys(code.slice(p + 1, close), names)) known = false;
  }
  return known;
}

/** 'GET, POST: h, async PUT() {}' -> GET, POST, PUT; false for spreads and computed keys. */
function readObjectKeys(body: string, names: Set<string>): boolean {
  let known = true;
  for (const raw of splitTopLevel(body, ',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const m = /^(?:async\s+)?\*?\s*(?:(["'])([A-Za-z_$][\w$]*)\1|([A-Za-z_$][\w$]*))\s*(?:[:(]|$)/.exec(entry);
    if (m === null) known = false;
    else names.add(m[2] ?? m[3]);
  }
  return known;
}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && c === separator && !(separator === '=' && (text[i + 1] === '>' || text[i + 1] === '='))) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Index of the bracket closing the one at `open`, or -1. */
function matchingClose(code: string, open: number): number {
  let depth = 0;
  for (let p = open; p < code.length; p++) {
    const c = code[p];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && --depth === 0) return p;
  }
  return -1;
}

function wordAt(code: string, at: number): string | undefined {
  WORD.lastIndex = at;
  return WORD.exec(code)?.[0];
}

function skipSpace(code: string, at: number): number {
  let p = at;
  while (p < code.length && /\s/.test(code[p])) p++;
  return p;
}
