/**
 * @module The part of zod nextpress uses, in one place; every import of zod goes through here.
 * `npm run build` bundles this file with what it takes from zod into the engine (scripts/build.mjs):
 * zod's CommonJS build, required whole, loads its 40 locales and every schema (about 100 ms of a
 * cold start on a slow machine); the bundle of these few takes about 15 ms. Tests and jiti read
 * this file as it is, from zod itself.
 *
 *   import * as z from './zod'   ->  z.string(), z.strictObject({...}), z.NEVER, z.ZodError, z.ZodType<T>
 *   a zod function not listed    ->  a type error: add it here
 */
export { array, NEVER, object, strictObject, string, superRefine, ZodError } from 'zod';
export type { output, RefinementCtx, ZodObject, ZodType } from 'zod';
