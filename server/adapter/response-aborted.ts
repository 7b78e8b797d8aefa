/**
 * @module ResponseAborted: the reason a route's code is given when the client leaves before the
 * response is sent, as Next gives it (its adapters' `ResponseAborted`): `request.signal.reason`,
 * the reason its body stream's `cancel(reason)` receives, and what a pending `writer.write()` on
 * a TransformStream body rejects with. An Error, so `error.message` ('') and `error.name` can be read.
 *
 *   client leaves mid-stream -> request.signal.reason: ResponseAborted { name: 'ResponseAborted', message: '' }
 *                            -> the body's cancel(reason) and a pending writer.write(): the same error
 */
export class ResponseAborted extends Error {
  override readonly name = 'ResponseAborted';
}
