/**
 * @module loadCliConfig: a command line plus the environment → the Config, through the same zod
 * schema as the environment alone. Precedence: flags, then environment variables, then env files.
 *   1. the env files of the project (`[dir]` when it is a Next project, else the working folder)
 *      fill process.env where unset, in Next's order (load-env-files.ts; route files see them too);
 *   2. resolveProject picks the routes folder ([dir], --routes, ROUTES_DIR, ...);
 *   3. -p/--port → PORT, -H/--hostname → HOST, the routes folder → ROUTES_DIR; loadConfig.
 * A bad value throws ConfigError naming what the user wrote: `--port: "abc" is not a port; ...`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, type Config, type ConfigProblem } from '../../config';
import { findAppFolder } from '../loading/find-app-folder';
import { loadEnvFiles } from './load-env-files';
import type { Flags } from './parse-command-line';
import { DEFAULT_ROUTES } from './package-root';
import { resolveProject, type Project } from './resolve-project';

export interface CliConfigInput {
  dir?: string;
  flags: Flags;
  /** Default: process.cwd(). */
  cwd?: string;
}

const isDirectory = (folder: string) => fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory() === true;

/** Steps 1-2: the routes folder, with the env files applied first (ROUTES_DIR may come from them). */
export function cliProject(input: CliConfigInput): Project & { envFiles: string[] } {
  const cwd = input.cwd ?? process.cwd();
  const dir = input.dir === undefined ? undefined : path.resolve(cwd, input.dir);
  const envFiles = loadEnvFiles(dir !== undefined && findAppFolder(dir, isDirectory) !== undefined ? dir : cwd);
  const project = resolveProject({
    dir: input.dir,
    routesFlag: input.flags.routes,
    routesEnv: process.env.ROUTES_DIR,
    cwd,
    defaultRoutes: DEFAULT_ROUTES,
    isDirectory,
  });
  return { ...project, envFiles };
}

export function loadCliConfig(input: CliConfigInput): Config {
  const env = process.env;
  const cwd = input.cwd ?? process.cwd();
  const project = cliProject({ ...input, cwd });
  const { port, hostname } = input.flags;
  // What the user typed, when the folder is that (errors then quote it); else the folder chosen.
  const typed = project.source === '--routes' ? input.flags.routes : project.source === '[dir]' ? input.dir : undefined;
  const routesDir = typed !== undefined && path.resolve(cwd, typed) === project.routesDir ? typed : project.routesDir;
  const merged = { ...env, ...(port === undefined ? {} : { PORT: port }), ...(hostname === undefined ? {} : { HOST: hostname }), ROUTES_DIR: routesDir };
  // Which name the user knows each variable by, when a flag or [dir] set it.
  const names: Record<string, string | undefined> = {
    PORT: port === undefined ? undefined : '--port',
    HOST: hostname === undefined ? undefined : '--hostname',
    ROUTES_DIR: project.source === '--routes' || project.source === '[dir]' ? project.source : undefined,
  };
  try {
    return loadConfig(merged, { cwd, envFile: false });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const problems: ConfigProblem[] = error.problems.map((problem) => ({ ...problem, variable: names[problem.variable] ?? problem.variable }));
    const fromFlags = problems.filter((problem) => problem.variable.startsWith('-') || problem.variable === '[dir]').length;
    if (fromFlags === 0) throw error;
    throw new ConfigError(problems, fromFlags === problems.length ? 'arguments' : 'arguments and environment');
  }
}
