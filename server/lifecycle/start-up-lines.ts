/**
 * @module startUpLines: what the start-up output says about the project, as plain strings.
 *   projectLine('/srv/blog', '/srv/blog/src/app', ['.env.local', '.env'])
 *     -> "Project: /srv/blog (routes: src/app, env: .env.local, .env); working directory: the project root"
 *   notServedLine(['layout.tsx', 'page.tsx'], '/srv/blog/src/app')
 *     -> "2 files under src/app/ are pages, layouts, metadata or styles: not served (nextpress serves route handlers only)"
 *   notServedLine([], ...) -> undefined (nothing to say)
 * The folder is named from its project root (findProjectRoot), else by its own name.
 */
import path from 'node:path';
import { findProjectRoot } from '../loading/find-project-root';

export function projectLine(root: string, routesDir: string, envFiles: readonly string[]): string {
  const env = envFiles.length === 0 ? 'no env files' : `env: ${envFiles.join(', ')}`;
  return `Project: ${root} (routes: ${toPosix(path.relative(root, routesDir))}, ${env}); working directory: the project root`;
}

export function notServedLine(notServed: readonly string[], routesDir: string): string | undefined {
  if (notServed.length === 0) return undefined;
  const root = findProjectRoot(routesDir);
  const folder = root === undefined ? path.basename(routesDir) : toPosix(path.relative(root, routesDir));
  const what =
    notServed.length === 1
      ? `1 file under ${folder}/ is a page, layout, metadata or style file`
      : `${notServed.length} files under ${folder}/ are pages, layouts, metadata or styles`;
  return `${what}: not served (nextpress serves route handlers only)`;
}

const toPosix = (relative: string) => relative.split(path.sep).join('/');
