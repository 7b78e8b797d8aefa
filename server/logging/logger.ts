/**
 * @module createLogger: the process's pino logger. JSON lines in production and test (stdout,
 * written synchronously, one write per turn of the event loop: see turnBatchedDestination), one
 * readable line per entry (pino-pretty, in process, written at once) in development. Credentials
 * never reach the output.
 *
 *   development, { err: a route conflict } + its message   -> the message alone, one line (explains-itself.ts)
 *   development, { err: a handler's Error } + a message     -> the message, then the error and its stack
 *   production, any `err`                                   -> the JSON line with the error, stack included
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from '../../config';
import { explainsItself } from './explains-itself';
import { JSON_LINES } from './request-line-writer';
import { turnBatchedDestination, type TurnBatchedDestination } from './turn-batched-destination';

/**
 * Header values that must never be written, wherever a request or response object is logged: at the
 * top, one level down (`req.headers`), and in an error's own objects (`err.config.headers`,
 * `err.response.headers`, as HTTP clients such as axios attach them), in either case.
 */
const SECRET_HEADERS = ['authorization', 'Authorization', 'cookie', 'Cookie', '["set-cookie"]', '["Set-Cookie"]', '["proxy-authorization"]'];
const HEADER_OWNERS = ['headers', '*.headers', 'err.*.headers', 'err.*.*.headers'];
export const REDACT_PATHS: readonly string[] = HEADER_OWNERS.flatMap((owner) =>
  SECRET_HEADERS.map((name) => (name.startsWith('[') ? `${owner}${name}` : `${owner}.${name}`)),
);

export type LoggerConfig = Pick<Config, 'nodeEnv' | 'logLevel'>;

/** `destination` defaults to stdout; tests pass a stream to read what was written. */
export function createLogger(config: LoggerConfig, destination?: DestinationStream): Logger {
  const options = {
    level: config.logLevel,
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
  };
  if (config.nodeEnv === 'development') {
    // Formatted in process and written synchronously: no worker thread, and nothing is lost when
    // the CLI exits right after logging.
    // pino-pretty is required here, so production never loads it.
    const { prettyFactory } = require('pino-pretty') as typeof import('pino-pretty');
    const prettify = prettyFactory({
      singleLine: true,
      colorize: destination === undefined && process.stdout.isTTY === true,
      translateTime: 'SYS:HH:MM:ss.l',
      // The request line's message already says what its `request` field holds.
      ignore: 'pid,hostname,request',
    });
    const out = destination ?? pino.destination({ dest: 1, sync: true });
    // An error whose message says it all (a conflict, a syntax error) is that one line: no object, no stack.
    const err = (error: unknown) => (explainsItself(error) ? undefined : pino.stdSerializers.err(error as Error));
    return pino({ ...options, serializers: { err } }, { write: (line: string) => out.write(prettify(line)) });
  }
  // Stdout written synchronously, as Node itself writes process.stdout to a pipe on Linux: nothing
  // is lost at exit. pino's asynchronous writer hands every line to libuv's thread pool instead,
  // which on a server given one core (a container's CPU limit, the bench's pinning) cost 64 µs a
  // request against 20 µs for a synchronous write per line; the lines of one turn are written
  // together (the request lines of every response that turn closed), warnings and errors at once.
  const logger = pino(options, destination ?? sharedStdout());
  // Plain JSON lines (no mixin, formatters or hooks; the redacted paths are headers): the request
  // log may put its line together itself (requestLineWriter).
  (logger as { [JSON_LINES]?: true })[JSON_LINES] = true;
  return logger;
}

let stdout: TurnBatchedDestination | undefined;

/** One per process: every logger made without a destination shares it (and its one 'exit' listener). */
function sharedStdout(): TurnBatchedDestination {
  stdout ??= turnBatchedDestination(pino.destination({ dest: 1, sync: true }));
  return stdout;
}
