import { describe, expect, test } from '@jest/globals';
import { readExportedMethods } from '../../server/routing/read-exports';

const result = (methods: string[], extra: { lowercase?: string[]; hasDefault?: boolean; exact?: boolean } = {}) => ({
  methods,
  lowercase: extra.lowercase ?? [],
  hasDefault: extra.hasDefault ?? false,
  exact: extra.exact ?? true,
});

describe('readExportedMethods', () => {
  test.each([
    ['async function', 'export async function GET(request: Request) {\n  return Response.json({})\n}', result(['GET'])],
    ['plain function, method order', 'export function POST() {}\nexport function GET() {}', result(['GET', 'POST'])],
    ['generator and generic', 'export function* PATCH() {}\nexport async function PUT<T>(r: T) {}', result(['PUT', 'PATCH'])],
    ['const arrow', 'export const PUT = async (req: Request) => new Response(null)', result(['PUT'])],
    ['several declarators', 'export const PUT = h, DELETE = h;', result(['PUT', 'DELETE'])],
    ['declarators without semicolons', 'export const GET = handler\nexport const HEAD = handler\n', result(['GET', 'HEAD'])],
    ['commas inside an initializer', 'export const GET = wrap(a, b), POST = compose([x, y], { z: 1, w })', result(['GET', 'POST'])],
    ['typed const with generics', 'export const GET: Handler<A, B> = (r) => x, POST: Handler = y', result(['GET', 'POST'])],
    ['typed const with a function type', 'export const GET: (r: Request) => Response = (r) => new Response()', result(['GET'])],
    ['generic call in an initializer', 'export const GET = make<A, B>(x)', result(['GET'])],
    ['object destructuring (Auth.js)', 'export const { GET, POST } = handlers', result(['GET', 'POST'])],
    ['nested destructuring with rename', 'export const { handlers: { GET, POST: post2 }, auth } = NextAuth(config)', result(['GET'])],
    ['rename to a method name', 'export const { a: OPTIONS, b = 1, ...HEAD } = x', result(['HEAD', 'OPTIONS'])],
    ['array destructuring', 'export const [GET, , [POST]] = pair', result(['GET', 'POST'])],
    ['specifier list', 'const handler = () => null\nexport { handler as GET, handler as POST }', result(['GET', 'POST'])],
    ['re-export', "export { GET } from './x'\nexport { default as PUT, POST as DELETE } from './y'", result(['GET', 'PUT', 'DELETE'])],
    ['type-only specifiers skipped', "export { type GET, POST }\nexport type { PUT } from './t'", result(['POST'])],
    ['quoted export name', 'export { h as "PATCH" }', result(['PATCH'])],
    ['namespace re-export by name', "export * as GET from './x'", result(['GET'])],
    ['lowercase methods', 'export async function get() {}\nexport const post = h\nexport function Put() {}', result([], { lowercase: ['get', 'post'] })],
    ['default function', 'export default function handler() {}', result([], { hasDefault: true })],
    ['default via specifier', 'export { GET, handler as default }', result(['GET'], { hasDefault: true })],
    ['export star is inexact', "export * from './methods'\nexport const GET = h", result(['GET'], { exact: false })],
    ['TypeScript export = is inexact', 'export = handlers', result([], { exact: false })],
    [
      'types and ambient declarations are not values',
      'export type GET = string\nexport interface POST {}\nexport declare function PUT(): void\nexport const enum DELETE {}',
      result([]),
    ],
    ['class and enum', 'export class GET {}\nexport enum POST { A }\nexport abstract class PUT {}', result(['GET', 'POST', 'PUT'])],
    ['config exports are not methods', "export const dynamic = 'force-dynamic'\nexport const runtime = 'nodejs'\nexport const revalidate = 60", result([])],
    ['line comment', '// export function GET() {}\nexport function POST() {}', result(['POST'])],
    ['block comment', '/*\nexport function GET() {}\n*/\nexport function POST() {}', result(['POST'])],
    ['string', 'const doc = "export function GET() {}"\nexport function POST() {}', result(['POST'])],
    ['template', 'const doc = `export function GET() {} ${x}`\nexport function POST() {}', result(['POST'])],
    ['regex', 'const re = /export function GET/\nexport function POST() {}', result(['POST'])],
    ['property named export', 'foo.export = 1\nexport function POST() {}', result(['POST'])],
    ['commonjs exports.X', 'exports.GET = handler\nmodule.exports.POST = handler', result(['GET', 'POST'])],
    [
      'commonjs compiled by tsc',
      'Object.defineProperty(exports, "__esModule", { value: true });\nexports.POST = exports.GET = void 0;\nexports["PUT"] = h',
      result(['GET', 'POST', 'PUT']),
    ],
    ['commonjs defineProperty', 'Object.defineProperty(exports, "DELETE", { enumerable: true, get: () => h })', result(['DELETE'])],
    ['commonjs object literal', "module.exports = { GET, POST: handler, async PUT() {}, 'PATCH': h }", result(['GET', 'POST', 'PUT', 'PATCH'])],
    ['commonjs default', 'exports.default = handler', result([], { hasDefault: true })],
    ['commonjs opaque object', 'module.exports = require("./handlers")', result([], { exact: false })],
    ['commonjs spread', 'module.exports = { ...handlers, GET }', result(['GET'], { exact: false })],
    ['commonjs __exportStar', '__exportStar(require("./x"), exports);', result([], { exact: false })],
    ['comparison is not an assignment', 'if (exports.GET == null) {}', result([])],
    ['nothing exported', 'const x = 1', result([])],
    [
      'tsx with an apostrophe in JSX text',
      "export async function GET() {\n  return new ImageResponse(<div>It's here</div>)\n}\nexport const runtime = 'edge'",
      result(['GET']),
    ],
  ])('%s', (_name, source, expected) => {
    expect(readExportedMethods(source)).toEqual(expected);
  });
});
