/**
 * @module installCheapWebStreams: on Node 20, web streams built without the step that makes them
 * transferable to a worker, the step that costs most of what a stream costs there.
 *
 * Node 20's `ReadableStream`, `WritableStream` and `TransformStream` constructors end with
 * `makeTransferable(this)`: it builds a second object through a C++ class (JSTransferable), copies
 * every property onto it by descriptor and returns that. On this machine that is ~15 µs of the
 * ~24 µs `new ReadableStream(...)` costs, and reading the copy is slower too (its properties were
 * redefined one by one): a 10-chunk stream built and read takes ~27 µs instead of ~10, a
 * TransformStream written and read ~120 µs instead of ~65. Route files build such streams on every
 * streamed answer (`new Response(stream)`, a TransformStream for server-sent events). Node 22 and
 * later mark streams transferable for free (markTransferMode) and are left alone.
 *
 * makeTransferable skips its work for an object that is already `instanceof JSTransferable`;
 * nextpress makes that test true for web streams (JSTransferable's Symbol.hasInstance, nothing
 * else changes: prototypes, `instanceof ReadableStream`, every method and the test for any other
 * object stay as they were). What is given up is transferring such a stream to a worker:
 *
 *   Node 20, installed:  new ReadableStream(source)              -> a stream, read and piped as before
 *                        port.postMessage(stream, [stream])      -> TypeError "Found invalid object in transferList"
 *                        structuredClone(stream), postMessage(stream) without a transfer list
 *                                                                -> {} (Node throws: a stream must be transferred)
 *                        new net.BlockList() instanceof JSTransferable -> true (unchanged)
 *   Node 20, NEXTPRESS_TRANSFERABLE_STREAMS=1 (or NEXTPRESS_NO_FAST_PATH=1): nothing is installed
 *   Node 22 and later:   nothing is installed (their constructors never call makeTransferable)
 */
import { BlockList } from 'node:net';

/** Whether this Node's stream constructors end with makeTransferable (Node 20; its source text says so). */
function constructorsMakeTransferable(): boolean {
  return Function.prototype.toString.call(ReadableStream).includes('makeTransferable(this)');
}

export function installCheapWebStreams(): void {
  if (process.env.NEXTPRESS_TRANSFERABLE_STREAMS === '1' || process.env.NEXTPRESS_NO_FAST_PATH === '1') return;
  if (!constructorsMakeTransferable()) return;
  // JSTransferable is internal; BlockList is one of its public subclasses.
  const transferable = Object.getPrototypeOf(BlockList) as (abstract new () => object) | null;
  if (typeof transferable !== 'function' || transferable.name !== 'JSTransferable') return;
  if (Object.hasOwn(transferable, Symbol.hasInstance)) return; // installed already
  const ordinary = Function.prototype[Symbol.hasInstance];
  Object.defineProperty(transferable, Symbol.hasInstance, {
    configurable: true,
    value(this: unknown, value: unknown): boolean {
      // Only the test on JSTransferable itself; `x instanceof BlockList` (a subclass) reaches here too.
      if (this === transferable && (value instanceof ReadableStream || value instanceof WritableStream || value instanceof TransformStream)) return true;
      return ordinary.call(this, value);
    },
  });
}
