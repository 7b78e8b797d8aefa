/**
 * @module Start-up warnings for route files Next would complain about, with Next's own wording:
 * a lowercase method export, a default export, or no method export at all.
 */
import type { EngineLogger } from '../logging/engine-logger';
import type { Route } from './route';
import type { ScannedRoute } from './read-route-files';

export function warnAboutExports(route: Route, logger: EngineLogger): void {
  const scan = (route as ScannedRoute).exportsScan;
  if (scan === undefined) return;
  const file = route.relativeFile;
  for (const name of scan.lowercase) {
    logger.warn({ file }, `Detected lowercase method '${name}' in '${file}'. Export the uppercase '${name.toUpperCase()}' method name to fix this error.`);
  }
  if (scan.hasDefault) {
    logger.warn({ file }, `Detected default export in '${file}'. Export a named export for each HTTP method instead.`);
  }
  if (scan.exact && scan.methods.length === 0 && scan.lowercase.length === 0 && !scan.hasDefault) {
    logger.warn({ file }, `No HTTP methods exported in '${file}'. Export a named export for each HTTP method.`);
  }
}
