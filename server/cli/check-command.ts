/**
 * @module checkCommand: `check [dir]`, what `next build` would refuse, before deploying. Every
 * problem is collected, none stops the others:
 *   1. the settings (flags, environment, env files) through the config schema;
 *   2. the routes folder: the scan (bad folder names, two route files in one folder), then the
 *      conflict check (Next's rules; it stops at the first conflict);
 *   3. each route file is imported (syntax errors, missing packages, a throw at the top level),
 *      from the Next project root when one is checked (as `start` serves it); Next's export
 *      warnings on the imported module (a lowercase method, a default export) are listed, not counted;
 *   4. the project's next.config.* and proxy.ts / middleware.ts (server/pipeline), read as `start` does.
 * A promise a route file's top level leaves rejected with no handler is a problem of step 3 (under
 * start it is logged and the route awaiting it fails); it never crashes check.
 * → { code: 0, stdout: one summary line } or { code: 1, stderr: the numbered problems }; either
 *   way, one more line when pages, layouts, metadata or styles were left out (not served).
 */
import path from 'node:path';
import { ConfigError } from '../../config';
import { loadRouteModule } from '../loading/load-route-module';
import { pinInstalledPackages } from '../loading/pin-installed-packages';
import { RouteLoadError } from '../loading/route-load-error';
import { warnAboutExports } from '../loading/warn-exports';
import { checkConflicts } from '../routing/check-conflicts';
import { scanFolder } from '../routing/scan';
import { notServedLine } from '../lifecycle/start-up-lines';
import type { RouteFile } from '../routing/types';
import { cliProject, loadCliConfig, type CliConfigInput } from './load-cli-config';
import { findProjectRoot } from '../loading/find-project-root';
import { loadNextConfig } from '../pipeline/load-next-config';
import { loadProxy } from '../pipeline/load-proxy';
import { installFetchPatch } from '../cache/patch-fetch';

export interface CheckResult {
  code: 0 | 1;
  stdout: string;
  stderr: string;
}

/** How long check waits after the last import for the promises the imports started to reject. */
const SETTLE_MS = 100;

const ROUTES_FOLDER_NAMES = new Set(['ROUTES_DIR', '[dir]', '--routes']);

export async function checkCommand(input: CliConfigInput): Promise<CheckResult> {
  const cwd = input.cwd ?? process.cwd();
  const problems: string[] = [];
  const warnings: string[] = [];

  const { routesDir, root } = cliProject(input);
  let routesFolderOk = true;
  try {
    loadCliConfig(input);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) problems.push(`${problem.variable}: ${problem.message}`);
    routesFolderOk = !error.problems.some((problem) => ROUTES_FOLDER_NAMES.has(problem.variable));
  }

  let files: RouteFile[] = [];
  let notServed: string[] = [];
  if (routesFolderOk) {
    try {
      ({ routes: files, notServed } = scanFolder(routesDir));
    } catch (error) {
      problems.push(messageOf(error));
    }
    try {
      checkConflicts(files, notServed);
    } catch (error) {
      problems.push(messageOf(error));
    }
  }

  const collect = (_obj: object, msg?: string) => warnings.push(msg ?? '');
  const quiet = { warn: collect, error: collect, info: () => {}, debug: () => {} };
  if (files.length > 0) pinInstalledPackages(routesDir);
  if (root !== undefined && files.length > 0) process.chdir(root); // top-level process.cwd() reads, as under start
  installFetchPatch(root ?? routesDir); // fetch(new URL('./font.ttf', import.meta.url)) at a file's top level, as under start
  // A promise a file's top level started and nobody handles (a font fetch that fails) rejects while
  // later files are imported: a problem of that import, not a crash of check.
  const unhandled = (reason: unknown) => {
    const cause = (reason as { cause?: unknown } | undefined)?.cause;
    const because = cause === undefined ? '' : ` (${messageOf(cause)})`;
    problems.push(
      `A promise started while the route files were imported rejected with nothing handling it: ${messageOf(reason)}${because}. Under start the route that awaits it fails; handle the rejection or fix its cause.`,
    );
  };
  process.on('unhandledRejection', unhandled);
  for (const route of files) {
    try {
      warnAboutExports(await loadRouteModule(route.file, route.relativeFile), route.relativeFile, quiet);
    } catch (error) {
      // The same explanation as `routes` and a preload give (describe-load-failure.ts), without what `start` does next.
      problems.push(error instanceof RouteLoadError ? error.afterFix('run check again') : messageOf(error));
    }
  }

  // What the imports started (a font read, a fetch) gets a moment to fail before the list is made.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  // 4. next.config and proxy.ts, as `start` reads them
  const projectDir = findProjectRoot(routesDir);
  if (projectDir !== undefined) {
    for (const load of [loadNextConfig, loadProxy]) {
      try {
        await load(projectDir, quiet);
      } catch (error) {
        problems.push(messageOf(error));
      }
    }
  }

  process.off('unhandledRejection', unhandled);
  const folder = shown(routesDir, cwd);
  const count = files.length === 1 ? '1 route' : `${files.length} routes`;
  const warned = warnings.map((warning) => `  warning: ${indent(warning)}\n`).join('');
  const skipped = notServedLine(notServed, routesDir);
  const note = skipped === undefined ? '' : `[nextpress] ${skipped}\n`;
  if (problems.length === 0) {
    const also = warnings.length === 0 ? '' : `, ${warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`} (above)`;
    return { code: 0, stdout: `[nextpress] check: ${count} in ${folder}, every route file imported, no problems${also}\n${note}`, stderr: warned };
  }
  const title = `[nextpress] check: ${problems.length === 1 ? '1 problem' : `${problems.length} problems`} in ${folder} (${count}):\n`;
  const list = problems.map((problem, index) => `  ${index + 1}. ${indent(problem)}\n`).join('');
  return { code: 1, stdout: note, stderr: title + list + warned };
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^\[nextpress\] /, '');
}

/** Continuation lines (a code frame) line up under the first. */
function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n     ');
}

/** `routes/` for a folder below the working folder, the absolute path otherwise. */
function shown(folder: string, cwd: string): string {
  const relative = path.relative(cwd, folder);
  if (relative === '') return './';
  return relative.startsWith('..') || path.isAbsolute(relative) ? `${folder}${path.sep}` : `${relative}${path.sep}`;
}
