/**
 * @module resolveProject: which folder of route files a command serves. Pure: the file system is
 * asked through `isDirectory` only. Relative paths resolve against `cwd`. First match wins:
 *   1. `--routes <dir>`                      → that folder, as it is
 *   2. `[dir]` with app/ (or else src/app/)  → dir/app (or dir/src/app): a Next project
 *   3. `[dir]`                               → dir itself: a folder of route files
 *   4. cwd with app/ (or else src/app/)      → cwd/app (or cwd/src/app)
 *   5. ROUTES_DIR (set and not blank)        → that folder
 *   6. otherwise                             → this repo's routes/ (the demo)
 * A folder that does not exist is returned all the same: the config check reports it, naming
 * `source`. Rules 2 and 4 also return `root`, the Next project root (the CLI's working directory).
 */
import path from 'node:path';
import { findAppFolder } from '../loading/find-app-folder';

export type ProjectSource = '--routes' | '[dir]' | 'cwd' | 'ROUTES_DIR' | 'default';

export interface ProjectInput {
  /** The `[dir]` argument. */
  dir?: string;
  /** The `--routes` flag. */
  routesFlag?: string;
  /** ROUTES_DIR from the environment (or .env). */
  routesEnv?: string;
  cwd: string;
  /** This repo's demo routes folder (absolute). */
  defaultRoutes: string;
  isDirectory(folder: string): boolean;
}

export interface Project {
  /** Absolute path of the folder of route files. */
  routesDir: string;
  /** Which rule picked it (for error messages: `--routes`, `[dir]` or `ROUTES_DIR` name what to fix). */
  source: ProjectSource;
  /** The Next project root (absolute), when rule 2 or 4 found its app/ or src/app/. */
  root?: string;
}

export function resolveProject(input: ProjectInput): Project {
  const { cwd, isDirectory } = input;

  if (input.routesFlag !== undefined) return { routesDir: path.resolve(cwd, input.routesFlag), source: '--routes' };
  if (input.dir !== undefined) {
    const dir = path.resolve(cwd, input.dir);
    const app = findAppFolder(dir, isDirectory);
    return app === undefined ? { routesDir: dir, source: '[dir]' } : { routesDir: app, source: '[dir]', root: dir };
  }
  const here = findAppFolder(cwd, isDirectory);
  if (here !== undefined) return { routesDir: here, source: 'cwd', root: cwd };
  if (input.routesEnv !== undefined && input.routesEnv.trim() !== '') return { routesDir: path.resolve(cwd, input.routesEnv), source: 'ROUTES_DIR' };
  return { routesDir: input.defaultRoutes, source: 'default' };
}
