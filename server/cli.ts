/**
 * @module The CLI (built to dist/server/cli.js; `node server` and `npm start` run it):
 *   1. parse the command line (cli/parse-command-line.ts): a mistake prints its message and the
 *      usage to stderr and exits 2;
 *   2. `--help`, `<command> --help`: the usage to stdout; `--version`: package.json's version;
 *   3. `start [dir]` (the default): flags, environment and env files into one Config (a bad value
 *      prints every problem and exits 1), then serve from the project root (cli/start-command.ts);
 *   4. `routes [dir]`: the route table, every route file imported (`--json`: an array), exit 0;
 *   5. `check [dir]`: every problem at once, exit 1 if any, else a summary and exit 0.
 * A failure (route conflict, port in use, a route that fails to preload) prints its message and
 * exits 1.
 */
import './cli/enable-compile-cache'; // first: what follows loads from V8's compile cache (Node >= 22.1)
import { exitOnConfigError, type Config } from '../config';
import { isNextpressError } from './errors';
import { checkCommand } from './cli/check-command';
import { cliProject, loadCliConfig } from './cli/load-cli-config';
import { packageVersion } from './cli/package-root';
import { parseCommandLine, UsageError, type CommandLine } from './cli/parse-command-line';
import { routesCommand } from './cli/routes-command';
import { startCommand } from './cli/start-command';
import { usage } from './cli/usage';

/** Writes, then exits once the text is flushed (route files may hold the event loop open). */
function finish(code: number, stdout: string, stderr = ''): void {
  if (stderr !== '') process.stderr.write(stderr);
  process.stdout.write(stdout, () => process.exit(code));
}

async function main(): Promise<void> {
  let line: CommandLine;
  try {
    line = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    finish(2, '', `[nextpress] ${error.message}\n\n${usage(error.command)}`);
    return;
  }

  if (line.kind === 'help') return finish(0, usage(line.command));
  if (line.kind === 'version') return finish(0, `${packageVersion()}\n`);

  const input = { dir: line.dir, flags: line.flags };
  switch (line.command) {
    case 'start':
    case 'dev': {
      const dev = line.command === 'dev';
      if (dev) process.env.NODE_ENV = 'development'; // as `next dev`
      // A Next project ([dir] or the working folder): its env files, then paths relative to its root.
      const project = cliProject(input);
      let config: Config;
      try {
        config = loadCliConfig({ ...input, dir: project.root ?? input.dir, cwd: project.root });
      } catch (error) {
        exitOnConfigError(error);
      }
      await startCommand(config, { root: project.root, envFiles: project.envFiles, watch: dev });
      return;
    }
    case 'routes':
      return finish(0, await routesCommand(cliProject(input), line.flags.json === true));
    case 'check': {
      const result = await checkCommand(input);
      return finish(result.code, result.stdout, result.stderr);
    }
  }
}

main().catch((error: unknown) => {
  // A boot failure is reported whatever LOG_LEVEL says: nextpress's own errors by their message
  // (it names the file and the fix), anything else with its stack.
  process.stderr.write(`${isNextpressError(error) ? `[nextpress] ${error.message}` : error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
