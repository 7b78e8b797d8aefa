/**
 * @module after() of next/server (and its Next 15.0 name `unstable_after`): work to do once the
 * response has been sent. The dispatcher runs it inside the request context (so `headers()` and
 * `cookies()` still read the request), also after a thrown error or redirect, and logs its
 * failures instead of sending them.
 *
 *   after(() => log(headers().get('user-agent')))   -> runs after the response is out
 *   after(somePromise)                              -> awaited after the response; a rejection is logged
 *   after(() => after(more))                        -> `more` runs once the outer callbacks have settled
 *   after(42)                                       -> throws "`after()`: Argument must be a promise or a function"
 *   outside a request                               -> throws "`after` was called outside a request scope. ..."
 */
import { getRequestStore } from '../context';
import { isThenable } from '../shared/is-thenable';

export type AfterTask<T = unknown> = Promise<T> | AfterCallback<T>;
export type AfterCallback<T = unknown> = () => T | Promise<T>;

export function after<T>(task: AfterTask<T>): void {
  const store = getRequestStore('after');
  if (isThenable(task)) {
    // Already running: remember how it ends now (so an early rejection is never "unhandled"),
    // and report that ending once the response is out.
    const outcome = Promise.resolve(task).then(
      () => undefined,
      (error: unknown) => ({ error }),
    );
    (store.afterTasks ??= []).push(() =>
      outcome.then((failed) => {
        if (failed !== undefined) throw failed.error;
      }),
    );
  } else if (typeof task === 'function') {
    (store.afterTasks ??= []).push(task);
  } else {
    throw new Error('`after()`: Argument must be a promise or a function');
  }
}

/** Next 15.0's name; 15.1 made it stable as `after`. */
export const unstable_after = after;
