/**
 * @module variable: one environment variable as a zod schema. Unset or blank falls back to the
 * default, which is written in the same form a user would write it and parsed the same way;
 * with `blank: 'reject'`, a variable set to blank (`PORT=`) is an error instead (it is more likely a
 * mistake in a script than a wish for the default).
 * A bad value becomes one issue whose message reads `"<value>" <problem>; expected <form>`.
 */
import * as z from './zod';

/** A specific reason a value was refused, when the spec's generic `problem` is not precise enough. */
export class Rejection {
  constructor(readonly problem: string) {}
}

export function reject(problem: string): Rejection {
  return new Rejection(problem);
}

export interface VariableSpec<T> {
  /** Raw text → value; `undefined` means "not this kind of value" (`problem` then applies). */
  parse(raw: string): T | Rejection | undefined;
  /** What is wrong with a value `parse` refused, e.g. `is not a port`. */
  problem: string;
  /** The accepted form, e.g. `an integer 0-65535`. */
  expected: string;
  /** The raw value used when the variable is unset or blank. */
  default?: string;
  /** How a value appears in an error; secrets must not be echoed to the terminal or logs. */
  show?: (raw: string) => string;
  /** 'reject': set but blank is an error, not the default. */
  blank?: 'default' | 'reject';
}

export function variable<T>(spec: VariableSpec<T> & { default: string }): z.ZodType<T, string | undefined>;
export function variable<T>(spec: VariableSpec<T>): z.ZodType<T | undefined, string | undefined>;
export function variable<T>(spec: VariableSpec<T>): z.ZodType<T | undefined, string | undefined> {
  return z
    .string()
    .optional()
    .transform((input, ctx) => {
      const given = input !== undefined && input.trim() !== '';
      if (input !== undefined && !given && spec.blank === 'reject') {
        ctx.addIssue({
          code: 'custom',
          message: `is set but empty; expected ${spec.expected}, or leave it unset for the default (${JSON.stringify(spec.default)})`,
        });
        return z.NEVER;
      }
      const raw = given ? input : spec.default;
      if (raw === undefined) return undefined;
      const value = spec.parse(raw);
      if (value !== undefined && !(value instanceof Rejection)) return value;
      const shown = (spec.show ?? JSON.stringify)(raw) + (given ? '' : ' (the default)');
      const problem = value instanceof Rejection ? value.problem : spec.problem;
      ctx.addIssue({ code: 'custom', message: `${shown} ${problem}; expected ${spec.expected}` });
      return z.NEVER;
    });
}

/** `(hidden, 12 characters)`: for secrets, which must never be echoed. */
export function hideSecret(raw: string): string {
  return `(hidden, ${raw.length} characters)`;
}

/**
 * A URL with its credentials masked: everything between `//` and the last `@` (a password may hold
 * `/` or `@`, as base64 ones do), so no part of it is echoed.
 *   'redis://:p%40ss/word@localhost:1' -> '"redis://***@localhost:1"'
 *   'redis://user:p@ss@host:6379'      -> '"redis://***@host:6379"'
 *   'redis://cache:6379'               -> '"redis://cache:6379"'
 */
export function hideCredentials(raw: string): string {
  return JSON.stringify(raw.replace(/\/\/.*@/s, '//***@'));
}
