/**
 * @module EngineLogger: the logger shape the engine writes to: pino's (`logger.warn({ file }, 'message')`).
 * `createApp` takes any such logger; without one it writes plain lines to the console, an error's
 * stack under its line unless the message says it all (explains-itself.ts).
 */
import { explainsItself } from './explains-itself';

export interface EngineLogger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

function line(write: (text: string) => void) {
  return (obj: object, msg?: string) => {
    const { err, ...rest } = obj as { err?: unknown };
    const details = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
    const stack = err instanceof Error && !explainsItself(err) ? `\n${err.stack}` : '';
    write(`[nextpress] ${msg ?? ''}${details}${stack}`);
  };
}

export const consoleLogger: EngineLogger = {
  error: line((text) => console.error(text)),
  warn: line((text) => console.warn(text)),
  info: line((text) => console.info(text)),
  debug: () => {},
};
