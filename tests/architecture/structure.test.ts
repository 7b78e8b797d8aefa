/**
 * The engine's shape, checked: no import cycle among its files (type-only imports included), and
 * no engine file over 300 lines. Imports are read from the source text (`import ... from`,
 * `export ... from`, `require()`, `import()`); only relative ones are followed.
 */
import { describe, expect, test } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const FOLDERS = ['server', 'config', 'middleware'];
const MAX_LINES = 300;

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...sourceFiles(full));
    else if (/\.ts$/.test(name) && !name.endsWith('.d.ts')) found.push(full);
  }
  return found;
}

const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (!specifier.startsWith('.')) continue;
    const base = path.resolve(path.dirname(file), specifier);
    const target = [`${base}.ts`, path.join(base, 'index.ts'), base].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
    if (target?.endsWith('.ts')) found.push(target);
  }
  return found;
}

/** Every cycle, as the list of files from its first file back to it. */
function cycles(files: string[]): string[][] {
  const graph = new Map(files.map((file) => [file, importsOf(file)]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next].map((f) => path.relative(ROOT, f)));
      else if (!state.has(next) && graph.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

const files = FOLDERS.flatMap((folder) => sourceFiles(path.join(ROOT, folder)));

describe('engine structure', () => {
  test('the import reader sees type-only imports and re-exports', () => {
    const dispatcher = importsOf(path.join(ROOT, 'server', 'dispatch', 'dispatcher.ts')).map((f) => path.relative(ROOT, f));
    expect(dispatcher).toContain(path.join('server', 'dispatch', 'route-match.ts')); // `import type { RouteMatch }`
  });

  test('no import cycle, type-only imports included', () => {
    expect(cycles(files)).toEqual([]);
  });

  test(`no engine file over ${MAX_LINES} lines`, () => {
    const long = files
      .map((file) => [path.relative(ROOT, file), readFileSync(file, 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
