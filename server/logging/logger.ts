/**
 * @module createLogger: the process's pino logger. JSON lines in production and test (to stdout in
 * batches, see bufferedStdout), one readable line per entry (pino-pretty, in process, written at
 * once) in development. Credentials never reach the output.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from '../../config';

/** Header values that must never be written, wherever a request or response object is logged. */
export const REDACT_PATHS: readonly string[] = [
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
];

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
    return pino(options, { write: (line: string) => out.write(prettify(line)) });
  }
  if (destination !== undefined) return pino(options, destination);
  // Stdout, written in batches: lines are gathered until 4 KB are waiting or 100 ms have passed,
  // then written in one call, off the request's path (one write per line cost about a tenth of a
  // logged request's CPU time in the bench). A warning or an error goes out at once, with what
  // waited before it; what still waits when the process exits is written then (pino flushes it
  // synchronously on exit).
  const stdout = pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 100 });
  const hooks = {
    logMethod(this: Logger, args: Parameters<Logger['info']>, method: Logger['info'], level: number) {
      method.apply(this, args);
      if (level >= WARN) stdout.flush(ignore); // with a callback: also after a write in progress
    },
  };
  return pino({ ...options, hooks }, stdout);
}

/** pino's number for `warn`. */
const WARN = 40;

function ignore(): void {}
