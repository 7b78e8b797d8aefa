/**
 * @module createRequireWithFallback: the `createRequire` the loader (jiti) builds each module's
 * `require` with. Resolution is Node's own from the importing file; a bare specifier that is not
 * installed there is then resolved from nextpress's own packages, so a routes folder outside any
 * project (ROUTES_DIR=/srv/app) can import what nextpress ships (next-auth, ...) without installing it.
 *
 *   'zod' from /srv/app/route.ts, /srv/app/node_modules/zod installed -> that one (the project's wins)
 *   'next-auth/jwt' from /srv/app/route.ts, not installed there       -> nextpress's next-auth/jwt
 *   './db', '/abs/file', '#internal' that do not resolve             -> Node's error, unchanged
 *   not installed in either place                                    -> Node's error for the importing
 *                                                                       file (it names that file)
 * No process-wide state: nothing else in the process resolves differently (no NODE_PATH).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { NEXTPRESS_ROOT } from './find-project-config';

const fallback = createRequire(path.join(NEXTPRESS_ROOT, 'package.json'));

export function createRequireWithFallback(filename: string | URL): NodeJS.Require {
  const own = createRequire(filename);
  const resolve = ((request: string, options?: { paths?: string[] }) => {
    try {
      return own.resolve(request, options);
    } catch (error) {
      if (!isBareSpecifier(request) || options?.paths !== undefined) throw error;
      try {
        return fallback.resolve(request);
      } catch {
        throw error; // the importing file's own error: it names that file
      }
    }
  }) as NodeJS.RequireResolve;
  resolve.paths = own.resolve.paths;
  const require = ((request: string) => own(resolve(request))) as NodeJS.Require;
  return Object.assign(require, { resolve, cache: own.cache, extensions: own.extensions, main: own.main });
}

/** 'zod', '@auth/core/jwt' -> true; '.', '..', './x', '../x', '/x', '#x', 'node:fs', 'file:...' -> false. */
function isBareSpecifier(request: string): boolean {
  return !/^(?:\.{1,2}$|\.{0,2}\/|#|[a-z][a-z0-9+.-]*:)/i.test(request);
}
