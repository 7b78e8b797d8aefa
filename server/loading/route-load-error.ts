/**
 * @module RouteLoadError: a route file that failed to load. `failure` says what failed (the file,
 * the import, the fix); the message adds what happens next, which depends on when it was loaded.
 *
 *   on first use   -> message: "<failure> The file is loaded again on the next request."
 *   afterFix(then) -> "<problem> <fix>, then <then>." when the failure says the fix (a missing
 *                     import, a syntax error), else "<problem> Fix it and <then>." (what `check`
 *                     and a preload print)
 *   preloadFailure -> afterFix for one file; for several, one line each under a count, then
 *                     "Fix them and start again." (the process does not serve them)
 */
import { NextpressError } from '../errors';
import type { LoadFailure } from './describe-load-failure';

export class RouteLoadError extends NextpressError {
  /** The problem and the fix, without what happens next. */
  declare readonly failure: string;
  /** Whether the failure says what to do (so the message is all a reader needs: no stack). */
  declare readonly explained: boolean;
  declare private readonly parts: LoadFailure;

  constructor(parts: LoadFailure, cause: unknown) {
    const failure = parts.fix === undefined ? parts.problem : `${parts.problem} ${parts.fix}`;
    super(`${failure} The file is loaded again on the next request.`, { status: 500, code: 'ROUTE_LOAD_FAILED', cause, expose: false });
    // Not enumerable: a logged error shows the message once, not again as fields.
    Object.defineProperties(this, {
      failure: { value: failure },
      explained: { value: parts.fix !== undefined },
      parts: { value: parts },
    });
  }

  /** The failure and the next step once it is fixed: `then` is 'start again', 'run check again'. */
  afterFix(then: string): string {
    const { problem, fix } = this.parts;
    return fix === undefined ? `${problem} Fix it and ${then}.` : `${problem} ${fix.replace(/\.$/, '')}, then ${then}.`;
  }
}

/** Every file that failed to preload, in one error (so one start reports them all); `then`: what to do once fixed. */
export function preloadFailure(errors: unknown[], then = 'start again'): NextpressError {
  const failures = errors.map((error) => (error instanceof RouteLoadError ? error.failure : String((error as Error)?.message ?? error)));
  const message =
    errors.length === 1
      ? errors[0] instanceof RouteLoadError
        ? errors[0].afterFix(then)
        : `${failures[0]} Fix it and ${then}.`
      : `${failures.length} route files failed to load:\n${failures.map((failure) => `  - ${failure}`).join('\n')}\nFix them and ${then}.`;
  return new NextpressError(message, {
    status: 500,
    code: 'ROUTE_LOAD_FAILED',
    cause: errors.length === 1 ? errors[0] : new AggregateError(errors),
    expose: false,
  });
}
