/**
 * @module ConfigError: every bad environment variable in one message, for people rather than
 * stack traces, plus the CLI's way to print it and stop.
 */
import type * as z from './zod';

export interface ConfigProblem {
  /** The environment variable, e.g. `PORT` (or the CLI flag that set it, e.g. `--port`). */
  readonly variable: string;
  /** What is wrong and the accepted form, e.g. `"abc" is not a port; expected an integer 0-65535`. */
  readonly message: string;
}

export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  /** `subject` names where the values came from in the message's first line (default `environment`). */
  constructor(problems: readonly ConfigProblem[], subject = 'environment') {
    super(formatConfigProblems(problems, subject));
    this.name = 'ConfigError';
    this.problems = problems;
    // Where in nextpress the check ran helps nobody fix their environment: the message is all.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/**
 * zod issues (in schema order) → problems, ordered by the variable list so the output is stable.
 *
 *   { path: ['PORT'], message: '"abc" is not a port; expected ...' } → { variable: 'PORT', message: ... }
 */
export function toConfigProblems(error: z.ZodError, order: readonly string[]): ConfigProblem[] {
  const problems = error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '(environment)'), message: issue.message }));
  const rank = (problem: ConfigProblem) => {
    const index = order.indexOf(problem.variable);
    return index === -1 ? order.length : index;
  };
  return problems.sort((a, b) => rank(a) - rank(b));
}

/**
 * [nextpress] Invalid environment (2 problems):
 *   PORT: "abc" is not a port; expected an integer 0-65535
 *   AUTH_SECRET: is required when NODE_ENV=production; expected ...
 */
export function formatConfigProblems(problems: readonly ConfigProblem[], subject = 'environment'): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = problems.map((problem) => `  ${problem.variable}: ${problem.message}`);
  return [`[nextpress] Invalid ${subject} (${count}):`, ...lines].join('\n');
}

/** For the CLI: a ConfigError is printed (message only) and the process exits 1; anything else is rethrown. */
export function exitOnConfigError(error: unknown, stderr: NodeJS.WritableStream = process.stderr): never {
  if (!(error instanceof ConfigError)) throw error;
  stderr.write(`${error.message}\n`);
  process.exit(1);
}
