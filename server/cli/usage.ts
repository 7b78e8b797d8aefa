/**
 * @module usage: the help texts, from the command table (commands.ts).
 *   usage()        → the global help: commands, [dir], global options, exit codes
 *   usage('start') → that command's usage line, what it does, its options, precedence
 * Both name the program as it was run (PROGRAM): `nextpress` through the bin, else `node server`.
 */
import { COMMAND_NAMES, COMMANDS, HELP, type CommandName, type OptionSpec } from './commands';
import { PROGRAM } from './program-name';

const DIR_LINES = [
  '[dir]: a Next project (its app/ or src/app/ folder is served, from the project root) or a folder of route files.',
  'Without one: the current folder if it has app/ or src/app/, else ROUTES_DIR, else the demo routes/.',
];

export function usage(command?: CommandName): string {
  if (command === undefined) {
    return [
      `Usage: ${PROGRAM} [command] [dir] [options]`,
      '',
      'Serves Next.js App Router route handlers (app/**/route.ts) on Express 5.',
      '',
      'Commands:',
      ...table(COMMAND_NAMES.map((name) => [`${name} [dir]`, COMMANDS[name].summary])),
      '',
      ...DIR_LINES,
      '',
      'Options:',
      ...table([
        ['-h, --help', `show this help (${PROGRAM} <command> --help: the command's options)`],
        ['-v, --version', 'print the version'],
      ]),
      '',
      'Exit codes: 0 done, 1 a problem (a bad setting, a route conflict, a route file that fails), 2 a bad command line.',
      '',
    ].join('\n');
  }
  const spec = COMMANDS[command];
  const options = Object.entries({ ...spec.options, help: HELP }).map(([name, option]) => [flag(name, option), option.description]);
  return [
    `Usage: ${PROGRAM} ${command} [dir] [options]`,
    '',
    `${spec.summary[0].toUpperCase()}${spec.summary.slice(1)}.`,
    ...spec.details,
    '',
    ...DIR_LINES,
    '',
    'Options:',
    ...table(options),
    '',
    'Flags win over environment variables, which win over the env files (.env.$NODE_ENV.local, .env.local, .env.$NODE_ENV, .env).',
    '',
  ].join('\n');
}

/** `-p, --port <port>`, or `    --json` when there is no short form. */
function flag(name: string, option: OptionSpec): string {
  const long = `--${name}${option.value === undefined ? '' : ` ${option.value}`}`;
  return option.short === undefined ? `    ${long}` : `-${option.short}, ${long}`;
}

function table(rows: string[][]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}
