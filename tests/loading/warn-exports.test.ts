import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadRouteModule } from '../../server/loading/load-route-module';
import { warnAboutExports } from '../../server/loading/warn-exports';

const dir = mkdtempSync(path.join(tmpdir(), 'nextpress-warn-exports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(path.join(dir, 'handlers.ts'), 'export function GET() { return new Response("x"); }\nexport const POST = GET;\n');

const lower = (file: string) => `Detected lowercase method 'get' in '${file}'. Export the uppercase 'GET' method name to fix this error.`;
const dflt = (file: string) => `Detected default export in '${file}'. Export a named export for each HTTP method instead.`;
const none = (file: string) => `No HTTP methods exported in '${file}'. Export a named export for each HTTP method.`;

/** The warnings for a route file holding `source`, imported by the engine's own loader. */
async function warningsFor(name: string, source: string): Promise<string[]> {
  const file = path.join(dir, name);
  writeFileSync(file, source);
  const warnings: string[] = [];
  const logger = { warn: (_obj: object, msg?: string) => warnings.push(msg ?? ''), error: () => {}, info: () => {}, debug: () => {} };
  warnAboutExports(await loadRouteModule(file, name), name, logger);
  return warnings;
}

describe('warnAboutExports, on the imported module', () => {
  test.each([
    ['plain.ts', 'export function GET() {}\nexport async function POST() {}\n', []],
    ['star.ts', "export * from './handlers';\n", []],
    ['reexport.ts', "export { GET as DELETE } from './handlers';\n", []],
    ['cjs.js', 'exports.GET = () => new Response("x");\n', []],
    ['cjs-object.cjs', 'module.exports = { GET() {} };\n', []],
    ['lower.ts', 'export function get() {}\n', [lower('lower.ts'), none('lower.ts')]],
    ['default.ts', 'export default function handler() {}\nexport function GET() {}\n', [dflt('default.ts')]],
    ['default-object.ts', 'export default { GET() {} };\n', [dflt('default-object.ts'), none('default-object.ts')]],
    ['empty.ts', 'export const revalidate = 60;\n', [none('empty.ts')]],
  ])('%s', async (name, source, expected) => {
    expect(await warningsFor(name, source)).toEqual(expected);
  });
});
