import { describe, expect, test } from '@jest/globals';
import { stripNonCode } from '../../server/routing/strip-non-code';

const sp = (n: number) => ' '.repeat(n);

describe('stripNonCode', () => {
  test.each([
    ['line comment', 'export const GET = 1 // export const POST', 'export const GET = 1 ' + sp(20)],
    ['block comment keeps newlines', 'a /* x\ny */ b', 'a     \n     b'],
    ['string blanked', 'const s = "export function PUT() {}"', `const s = "${sp(24)}"`],
    ['identifier string kept', 'defineProperty(exports, "GET", x)', 'defineProperty(exports, "GET", x)'],
    ['single quotes and escapes', "x('it\\'s export')", `x('${sp(12)}')`],
    ['unterminated string stops at the line end', "a = 'it is\nexport const GET = 1", `a = '${sp(5)}\nexport const GET = 1`],
    ['template with expression', 'x = `a ${b} c`', 'x = `  ${b}  `'],
    ['nested template', 'x = `a ${`in ${y}`} c`', 'x = `  ${`   ${y}`}  `'],
    ['template expression with braces', 'x = `${ {a: 1}.a } export`', 'x = `${ {a: 1}.a }       `'],
    ['regex after =', 'r = /export \\/x/g', 'r = /          /g'],
    ['regex with a class holding /', 'r = /[/]export/', 'r = /         /'],
    ['regex after return', 'return /export/.test(s)', 'return /      /.test(s)'],
    ['division is not a regex', 'a = b / c / d', 'a = b / c / d'],
    ['division after a call', 'a = f(x) / 2 // c', 'a = f(x) / 2     '],
    ['identifier ending in a keyword is not a keyword', 'a = xreturn / 2 / 3', 'a = xreturn / 2 / 3'],
    ['comment markers inside a string', 'a = "// not a comment"; b', `a = "${sp(16)}"; b`],
  ])('%s', (_name, source, expected) => {
    const stripped = stripNonCode(source);
    expect(stripped).toBe(expected);
    expect(stripped.length).toBe(source.length);
  });
});
