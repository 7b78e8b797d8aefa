/**
 * @module requestLineWriter: writes the request log's line. A logger made by createLogger for JSON
 * output is marked (JSON_LINES); for it the line is put together here, as one string, exactly as
 * pino's `info()` would write it, and handed to the logger's stream: pino's per-line work (its merge
 * object walk, the generic stringify of the `request` object) is a tenth of a request's CPU on the
 * fast path. Any other logger (yours, given to createApp; pino-pretty in development) gets `info()`
 * (of a child without redaction, when it has `child`).
 *
 *   { id: 'r1', method: 'GET', path: '/a', status: 200, ms: 1.5 }, 'GET /a 200 1.5ms'
 *     -> {"level":30,"time":<now>,"pid":<pid>,"hostname":"<host>","request":{"id":"r1","method":"GET","path":"/a","status":200,"ms":1.5},"msg":"GET /a 200 1.5ms"}\n
 *   the same with aborted: true -> ...,"ms":1.5,"aborted":true},"msg":"GET /a 200 1.5ms (aborted)"}\n
 *
 * The level prefix, time, bindings (pid, hostname, child bindings) and line end are the logger's
 * own (pino.symbols), so the line follows its configuration; tests compare it byte for byte with
 * what `info()` writes.
 */
import { symbols, type Logger } from 'pino';

/** An own property of a pino logger whose info lines are plain JSON: no mixin, formatters, hooks, msgPrefix, serializers or redaction of `request`/`msg`. */
export const JSON_LINES: unique symbol = Symbol.for('nextpress.jsonLinesLogger') as never;

export interface RequestLine {
  id: string;
  method: string;
  path: string;
  status: number;
  ms: number;
  aborted?: true;
}

export type WriteRequestLine = (line: RequestLine, msg: string) => void;

interface PinoInternals {
  [JSON_LINES]?: true;
  [key: symbol]: unknown;
}

export function requestLineWriter(logger: Pick<Logger, 'info'> & { child?: Logger['child'] }): WriteRequestLine {
  const pinoLogger = logger as unknown as PinoInternals;
  // An own property: a child logger (which may add msgPrefix, serializers or formatters) inherits the mark but is not it.
  if (!Object.hasOwn(pinoLogger, JSON_LINES)) {
    // The line holds no header values, so a child without redaction writes it (the redaction pass
    // is about half of pino's cost per line); every other line still gets it.
    const log = typeof logger.child === 'function' ? logger.child({}, { redact: { paths: [] } }) : logger;
    return (request, msg) => log.info({ request }, msg);
  }
  const INFO = 30;
  const levelPrefix = (pinoLogger[symbols.lsCacheSym] as Record<number, string>)[INFO];
  const time = pinoLogger[symbols.timeSym] as () => string;
  const end = pinoLogger[symbols.endSym] as string;
  const timeSliceIndex = pinoLogger[symbols.timeSliceIndexSym] as number;
  return (request, msg) => {
    const t = time();
    const line = `${levelPrefix}${t}${pinoLogger[symbols.chindingsSym] as string},"request":{"id":${JSON.stringify(request.id)},"method":${JSON.stringify(request.method)},"path":${JSON.stringify(request.path)},"status":${request.status},"ms":${request.ms}${request.aborted === true ? ',"aborted":true' : ''}},"msg":${JSON.stringify(msg)}${end}`;
    const stream = pinoLogger[symbols.streamSym] as { write(line: string): void } & Record<string | symbol, unknown>;
    // What pino tells a stream that asks for it (turnBatchedDestination reads the level).
    if (stream[symbols.needsMetadataGsym] === true) {
      stream.lastLevel = INFO;
      stream.lastObj = { request };
      stream.lastMsg = msg;
      stream.lastTime = t.slice(timeSliceIndex);
      stream.lastLogger = logger;
    }
    stream.write(line);
  };
}
