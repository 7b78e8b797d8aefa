/**
 * @module moduleAliases: the specifiers that always resolve to nextpress's own modules, wherever the
 * importing file lives and whatever its project has installed (jiti's `alias` option: an exact
 * specifier, or one followed by `/...`).
 *
 *   next/server, next/server.js (also headers, navigation, cache, og) -> server/next/<name>
 *   next/dist/client/components/redirect (and Next's other internal paths route code imports)
 *   nextpress/auth -> server/auth/index
 *   server-only    -> an empty module (Next's react-server condition)
 *   client-only    -> a module that throws, as in Next's react-server condition
 *
 * Under `npm start` the targets are the compiled files of dist/; under jest, the TypeScript sources.
 */
import path from 'node:path';

const NEXT_ENTRIES = ['server', 'headers', 'navigation', 'cache', 'og'] as const;

export function moduleAliases(): Record<string, string> {
  const dir = path.join(__dirname, '..', 'next');
  const aliases: Record<string, string> = {};
  for (const name of NEXT_ENTRIES) {
    aliases[`next/${name}`] = path.join(dir, name);
    aliases[`next/${name}.js`] = path.join(dir, name); // ESM packages (@arcjet/next) import the file name
  }
  return {
    ...aliases,
    // Internal paths that Next code imports helpers from (isRedirectError, NextRequest types).
    'next/dist/client/components/redirect': path.join(dir, 'navigation'),
    'next/dist/client/components/redirect-error': path.join(dir, 'navigation'),
    'next/dist/client/components/not-found': path.join(dir, 'navigation'),
    'next/dist/client/components/navigation': path.join(dir, 'navigation'),
    'next/dist/server/web/spec-extension/request': path.join(dir, 'server'),
    'next/dist/server/web/spec-extension/response': path.join(dir, 'server'),
    'server-only': path.join(dir, 'server-only'),
    'client-only': path.join(dir, 'client-only'),
    // nextpress's own API for route files (auth(), users-file helpers): docs/auth.md.
    'nextpress/auth': path.join(__dirname, '..', 'auth', 'index'),
  };
}
