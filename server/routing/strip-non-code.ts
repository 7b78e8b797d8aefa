/**
 * @module stripNonCode: source text -> the same text with comments, strings and regexes blanked.
 */

const REGEX_AFTER = new Set('(,=:[!&|?{};+-*%<>~^'.split(''));
const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Keeps every offset and newline (the output has the source's length). A quoted string keeps its
 * quotes, and its content too when that is a bare identifier (`exports["GET"]` stays readable).
 * A tokeniser-level pass, not a parser: a `/` is read as a regex only where an expression can start.
 *
 *   'a = 1 // note'        -> 'a = 1        '
 *   's = "export GET"'     -> 's = "          "'
 *   'exports["GET"] = h'   -> unchanged (a bare identifier in quotes is kept)
 *   'x = `a ${b} c`'       -> 'x = `  ${b}  `'
 *   'r = /export/g'        -> 'r = /      /g'
 *   'a = b / c / d'        -> unchanged (division, not a regex)
 */
export function stripNonCode(source: string): string {
  const out: string[] = [];
  const n = source.length;
  const templateDepths: number[] = []; // brace depth at each open `${`
  let depth = 0;
  let last = ''; // last code character that is not whitespace ('a' for any identifier character)
  let word = ''; // the identifier just before, for regex detection after keywords
  let inWord = false;
  let i = 0;

  const template = (from: number): number => {
    let j = from;
    while (j < n) {
      const c = source[j];
      if (c === '\\') j += 2;
      else if (c === '`') {
        out.push(blank(source.slice(from, j)), '`');
        return j + 1;
      } else if (c === '$' && source[j + 1] === '{') {
        out.push(blank(source.slice(from, j)), '${');
        templateDepths.push(depth++);
        return j + 2;
      } else j++;
    }
    out.push(blank(source.slice(from, n)));
    return n;
  };

  while (i < n) {
    const c = source[i];
    const next = source[i + 1];
    const wasInWord = inWord;
    inWord = false;
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? n : end;
      out.push(blank(source.slice(i, stop)));
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      out.push(blank(source.slice(i, stop)));
      i = stop;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      const body = source.slice(i + 1, Math.min(j, n));
      out.push(c, IDENTIFIER.test(body) ? body : blank(body));
      if (j < n && source[j] === c) out.push(c);
      i = source[j] === c ? j + 1 : j;
      last = '"';
    } else if (c === '`') {
      out.push('`');
      i = template(i + 1);
      last = '"';
    } else if (c === '/' && (last === '' || REGEX_AFTER.has(last) || (last === 'a' && REGEX_AFTER_WORD.has(word)))) {
      const end = regexEnd(source, i);
      if (end === -1) {
        out.push(c);
        i++;
        last = c;
      } else {
        let flags = end;
        while (flags < n && /[\w$]/.test(source[flags])) flags++;
        out.push('/', blank(source.slice(i + 1, end - 1)), '/', source.slice(end, flags));
        i = flags;
        last = '"';
      }
    } else {
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (templateDepths.length > 0 && templateDepths[templateDepths.length - 1] === depth) {
          templateDepths.pop();
          out.push('}');
          i = template(i + 1);
          last = '"';
          continue;
        }
      }
      out.push(c);
      i++;
      const isWordChar = /[\w$]/.test(c);
      if (isWordChar) {
        word = wasInWord ? word + c : c;
        last = 'a';
      } else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') {
        last = c;
      }
      inWord = isWordChar;
    }
  }
  return out.join('');
}

/** Index just past the closing `/` of the regex literal starting at `start`, or -1 if the line has none. */
function regexEnd(source: string, start: number): number {
  let inClass = false;
  for (let j = start + 1; j < source.length; j++) {
    const c = source[j];
    if (c === '\\') j++;
    else if (c === '\n') return -1;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '/') return j + 1;
  }
  return -1;
}

function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}
