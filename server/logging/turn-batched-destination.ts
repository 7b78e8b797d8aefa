/**
 * @module turnBatchedDestination: a pino destination that gathers the info (and lower) lines of one
 * turn of the event loop and hands them to the writer as one string at the end of that turn; a warn
 * (or higher) line is written at once, after what was pending, so order is kept and an error is on
 * the output before anything else runs.
 *
 *   turn 1: info a, info b, info c        -> one write "a\nb\nc\n" (setImmediate, end of turn 1)
 *   turn 2: info d, error e, info f       -> write "d\ne\n" at once, then "f\n" at the end of turn 2
 *   process.exit() with lines pending     -> written by the 'exit' listener, before the process ends
 *
 * Under load a server closes many responses in one turn (every socket epoll reported ready); their
 * request lines cost one write instead of one each. On a quiet server a line is written at the end
 * of the turn it was logged in, as good as at once.
 */
import { symbols } from 'pino';

/** What the lines are handed to: sonic-boom (pino.destination) in production; tests pass their own. */
export interface LineWriter {
  write(text: string): unknown;
}

/** pino's warn level: lines at this level or above are not held back. */
const WARN = 40;

export interface TurnBatchedDestination {
  write(line: string): void;
  /** Writes what is pending now (pino's `logger.flush()` calls it). */
  flush(callback?: (error?: Error) => void): void;
  /** Set by pino before each write, because of the metadata symbol below. */
  lastLevel?: number;
}

export function turnBatchedDestination(writer: LineWriter): TurnBatchedDestination {
  let pending = '';
  let scheduled: NodeJS.Immediate | undefined;

  const flushPending = () => {
    if (scheduled !== undefined) {
      clearImmediate(scheduled);
      scheduled = undefined;
    }
    if (pending === '') return;
    const text = pending;
    pending = '';
    writer.write(text);
  };
  // Lines logged right before process.exit() (or an uncaught exception) still reach the output.
  process.on('exit', flushPending);

  return {
    // pino sets `lastLevel` on a stream that asks for it, before calling write().
    [symbols.needsMetadataGsym]: true,
    write(this: TurnBatchedDestination, line: string) {
      pending += line;
      if ((this.lastLevel ?? WARN) >= WARN) flushPending();
      else if (scheduled === undefined) {
        scheduled = setImmediate(flushPending);
        // Pending lines never keep the process alive: the 'exit' listener writes them.
        scheduled.unref();
      }
    },
    flush(callback) {
      flushPending();
      callback?.();
    },
  } as TurnBatchedDestination;
}
