/**
 * @module COMMANDS: the CLI's commands and each one's options, as data. The parser
 * (parse-command-line.ts) accepts exactly these; the help (usage.ts) prints them.
 *
 *   start [dir]   -p, --port  -H, --hostname  --routes   serve (the default command)
 *   dev [dir]     -p, --port  -H, --hostname  --routes   serve, reloading on every change
 *   routes [dir]  --routes  --json                       print the route table (every route file imported)
 *   check [dir]   --routes                               load everything, report every problem
 */

export type CommandName = 'start' | 'dev' | 'routes' | 'check';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** For a string option, e.g. `<port>`. */
  value?: string;
  description: string;
}

export interface CommandSpec {
  summary: string;
  /** More lines under the usage line of `<command> --help`. */
  details: string[];
  options: Record<string, OptionSpec>;
}

const ROUTES: OptionSpec = { type: 'string', value: '<dir>', description: 'the routes folder itself (wins over [dir] and ROUTES_DIR)' };
export const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'show this help' };
/** `start` and `dev`: where to listen, and what to serve. */
const SERVE_OPTIONS: Record<string, OptionSpec> = {
  port: { type: 'string', short: 'p', value: '<port>', description: 'port to listen on (PORT; default 3000; 0 picks a free one)' },
  hostname: { type: 'string', short: 'H', value: '<host>', description: 'interface to listen on (HOST; default every interface)' },
  routes: ROUTES,
};

export const COMMANDS: Record<CommandName, CommandSpec> = {
  start: {
    summary: 'serve the routes over HTTP (the default command; what `npm start` runs)',
    details: ['Prints the route table, then "Listening on <url>" (to stderr when LOG_LEVEL is above info).'],
    options: SERVE_OPTIONS,
  },
  dev: {
    summary: 'serve in development: edits, new and deleted route files are served without a restart',
    details: [
      'NODE_ENV=development. Watches the project (route files and everything under it but node_modules,',
      'next.config, proxy.ts, tsconfig, .env*): a change is re-imported on the next request, a new route',
      'answers at once, a deleted one 404s, and a conflict or a broken next.config/proxy keeps the last',
      'good one. One line per reload. A handler error answers a readable 500 (HTML or JSON).',
    ],
    options: SERVE_OPTIONS,
  },
  routes: {
    summary: 'print the route table and exit',
    details: [
      'One line per route: methods, URL pattern, file. Each route file is imported (as `start` with PRELOAD_ROUTES=true',
      'does, from the project root) to list the methods it exports: its top-level code runs.',
    ],
    options: {
      routes: ROUTES,
      json: { type: 'boolean', description: 'print a JSON array of { pattern, methods, file } instead' },
    },
  },
  check: {
    summary: 'import every route file and report every problem at once; exit 1 if any',
    details: ["Checks the settings (flags, environment, env files), route conflicts and each route file's import."],
    options: { routes: ROUTES },
  },
};

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}
