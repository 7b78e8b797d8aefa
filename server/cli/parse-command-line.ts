/**
 * @module parseCommandLine: the arguments after `node server` → what to do, with node:util's
 * parseArgs against the command's own options (commands.ts). A mistake throws a UsageError that
 * names the argument; the CLI prints it with the usage and exits 2.
 *
 *   []                                → { kind: 'run', command: 'start', flags: {} }
 *   ['-p', '4000']                    → { kind: 'run', command: 'start', flags: { port: '4000' } }
 *   ['start', 'my-app', '--port=4000'] → { kind: 'run', command: 'start', dir: 'my-app', flags: { port: '4000' } }
 *   ['routes', '--json']              → { kind: 'run', command: 'routes', flags: { json: true } }
 *   ['--help'], ['-h']                → { kind: 'help' }
 *   ['check', '-h']                   → { kind: 'help', command: 'check' }
 *   ['--version'], ['-v']             → { kind: 'version' }
 *   ['serve']                         → UsageError: Unknown command 'serve'. ...
 *   ['routes', '--port', '1']         → UsageError: Unknown option '--port' for 'routes'. ...
 *   ['start', '--port']               → UsageError: Option '--port' needs a value, e.g. '--port <port>'.
 */
import { parseArgs } from 'node:util';
import { COMMAND_NAMES, COMMANDS, HELP, isCommandName, type CommandName } from './commands';
import { PROGRAM } from './program-name';

export interface Flags {
  port?: string;
  hostname?: string;
  routes?: string;
  json?: boolean;
}

export type CommandLine = { kind: 'help'; command?: CommandName } | { kind: 'version' } | { kind: 'run'; command: CommandName; dir?: string; flags: Flags };

/** A command line the CLI cannot run; `command` picks the usage printed with it. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: CommandName,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseCommandLine(args: readonly string[]): CommandLine {
  const [first = '', ...rest] = args;
  if (first === '--help' || first === '-h') return { kind: 'help' };
  if (first === '--version' || first === '-v') return { kind: 'version' };
  if (first !== '' && !first.startsWith('-') && !isCommandName(first)) {
    throw new UsageError(`Unknown command '${first}'. Expected one of: ${COMMAND_NAMES.join(', ')}.`);
  }
  const command: CommandName = isCommandName(first) ? first : 'start';
  return parseCommand(command, isCommandName(first) ? rest : args);
}

function parseCommand(command: CommandName, args: readonly string[]): CommandLine {
  const options = { ...COMMANDS[command].options, help: HELP };
  // Not strict: the tokens are checked here, so each mistake gets a message of ours.
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const flags: Flags & { help?: boolean } = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    const spec = Object.hasOwn(options, token.name) ? options[token.name as keyof typeof options] : undefined;
    if (spec === undefined) {
      throw new UsageError(`Unknown option '${token.rawName}' for '${command}'. Run '${PROGRAM} ${command} --help' for its options.`, command);
    }
    const name = token.name as keyof typeof flags;
    if (spec.type === 'string') {
      if (token.value === undefined) {
        throw new UsageError(`Option '${token.rawName}' needs a value, e.g. '--${token.name} ${spec.value}'.`, command);
      }
      (flags as Record<string, string>)[name] = token.value;
    } else {
      if (token.inlineValue === true) throw new UsageError(`Option '--${token.name}' takes no value (got '${token.value}').`, command);
      (flags as Record<string, boolean>)[name] = true;
    }
  }
  if (flags.help === true) return { kind: 'help', command };
  if (positionals.length > 1) {
    throw new UsageError(`Too many arguments for '${command}': ${positionals.map((p) => `'${p}'`).join(' ')}. It takes one [dir] at most.`, command);
  }
  delete flags.help;
  return { kind: 'run', command, dir: positionals[0], flags };
}
