/**
 * @module warnAboutExports: an imported route module -> the warnings Next logs for it when it is
 * loaded, in Next's own words (its app-route module checks the same exports with `in`):
 *
 *   { get }                      -> Detected lowercase method 'get' in '<file>'. Export the uppercase 'GET' method name to fix this error.
 *                                   No HTTP methods exported in '<file>'. Export a named export for each HTTP method.
 *   { default, GET }             -> Detected default export in '<file>'. Export a named export for each HTTP method instead.
 *   {}                           -> No HTTP methods exported in '<file>'. Export a named export for each HTTP method.
 *   { GET } (`export * from`)    -> nothing: the module's own exports are read, re-exports included
 *   CommonJS `exports.GET = h`   -> nothing (the loader's `default`, the exports object itself, is no default export)
 */
import type { EngineLogger } from '../logging/engine-logger';
import { HTTP_METHODS } from './method-table';

export function warnAboutExports(mod: Record<string, unknown>, file: string, logger: EngineLogger): void {
  for (const method of HTTP_METHODS) {
    const name = method.toLowerCase();
    if (name in mod) logger.warn({ file }, `Detected lowercase method '${name}' in '${file}'. Export the uppercase '${method}' method name to fix this error.`);
  }
  if ('default' in mod && !isCommonJsExports(mod)) {
    logger.warn({ file }, `Detected default export in '${file}'. Export a named export for each HTTP method instead.`);
  }
  if (!HTTP_METHODS.some((method) => method in mod)) {
    logger.warn({ file }, `No HTTP methods exported in '${file}'. Export a named export for each HTTP method.`);
  }
}

/** A CommonJS file's `default` is its whole exports object: the named exports beside it are its own properties. */
function isCommonJsExports(mod: Record<string, unknown>): boolean {
  const exports = mod.default;
  if (typeof exports !== 'object' || exports === null) return false;
  const named = Object.keys(mod).filter((key) => key !== 'default' && key !== '__esModule');
  return named.length > 0 && named.every((key) => (exports as Record<string, unknown>)[key] === mod[key]);
}
