/**
 * @module RouteLoadError: a route file that failed to load. `failure` says what failed (the file,
 * the import, the fix); the message adds what happens next, which depends on when it was loaded.
 *
 *   on first use   -> message: "<failure> The file is loaded again on the next request."
 *   preloadFailure -> "<failure>" for one file; for several, one line each under a count, then
 *                     "Fix them and start again." (the process does not serve them)
 */
import { NextpressError } from '../errors';

export class RouteLoadError extends NextpressError {
  readonly failure: string;

  constructor(failure: string, cause: unknown) {
    super(`${failure} The file is loaded again on the next request.`, { status: 500, code: 'ROUTE_LOAD_FAILED', cause, expose: false });
    this.failure = failure;
  }
}

/** Every file that failed to preload, in one error (so one start reports them all); `then`: what to do once fixed. */
export function preloadFailure(errors: unknown[], then = 'start again'): NextpressError {
  const failures = errors.map((error) => (error instanceof RouteLoadError ? error.failure : String((error as Error)?.message ?? error)));
  const message =
    failures.length === 1
      ? `${failures[0]} Fix it and ${then}.`
      : `${failures.length} route files failed to load:\n${failures.map((failure) => `  - ${failure}`).join('\n')}\nFix them and ${then}.`;
  return new NextpressError(message, {
    status: 500,
    code: 'ROUTE_LOAD_FAILED',
    cause: errors.length === 1 ? errors[0] : new AggregateError(errors),
    expose: false,
  });
}
