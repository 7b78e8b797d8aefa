/**
 * @module PACKAGE_ROOT: the folder holding nextpress's package.json, from the sources
 * (server/cli/ → ../..) or the build (dist/server/cli/ → ../../..).
 */
import path from 'node:path';

function packageRoot(): string {
  const root = path.resolve(__dirname, '..', '..');
  return path.basename(root) === 'dist' ? path.dirname(root) : root;
}

export const PACKAGE_ROOT = packageRoot();

/** The demo routes: the routes folder when nothing else names one. */
export const DEFAULT_ROUTES = path.join(PACKAGE_ROOT, 'routes');

/** `version` from package.json. */
export function packageVersion(): string {
  return (require(path.join(PACKAGE_ROOT, 'package.json')) as { version: string }).version;
}
