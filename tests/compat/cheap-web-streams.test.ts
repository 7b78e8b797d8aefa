/**
 * installCheapWebStreams, in child processes (what it changes is the process's own JSTransferable,
 * shared by every Jest test): web streams behave as before, and on Node 20 the one thing given up,
 * transferring a stream to another thread, says so; with NEXTPRESS_TRANSFERABLE_STREAMS=1 it works.
 */
import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
/** Node 20 ends its stream constructors with makeTransferable; Node 22 and later do not. */
const NODE_20_STREAMS = Function.prototype.toString.call(ReadableStream).includes('makeTransferable(this)');

const script = `
  const { BlockList } = require('node:net');
  const { installCheapWebStreams } = require('jiti').createJiti(process.cwd() + '/')('./server/next/cheap-web-streams.ts');
  installCheapWebStreams();
  installCheapWebStreams(); // twice: no second wrapper
  const transferable = Object.getPrototypeOf(BlockList);
  const bytes = (text) => new TextEncoder().encode(text);
  const chunks = () => new ReadableStream({ start(c) { c.enqueue(bytes('a')); c.enqueue(bytes('b')); c.close(); } });
  const read = async (stream) => { let text = ''; for await (const chunk of stream) text += new TextDecoder().decode(chunk); return text; };
  (async () => {
    const out = {};
    out.installed = transferable.name === 'JSTransferable' && Object.prototype.hasOwnProperty.call(transferable, Symbol.hasInstance);
    out.read = await read(chunks());
    const [left, right] = chunks().tee();
    out.tee = [await read(left), await read(right)];
    const upper = new TransformStream({ transform(chunk, c) { c.enqueue(bytes(new TextDecoder().decode(chunk).toUpperCase())); } });
    out.piped = await read(chunks().pipeThrough(upper));
    const sse = new TransformStream();
    const writer = sse.writable.getWriter();
    writer.write(bytes('data: 1\\n\\n')); writer.close();
    out.sse = await new Response(sse.readable).text();
    const written = [];
    const sink = new WritableStream({ write(chunk) { written.push(new TextDecoder().decode(chunk)); } });
    await chunks().pipeTo(sink);
    out.written = written;
    out.instances = [chunks() instanceof ReadableStream, sink instanceof WritableStream, upper instanceof TransformStream, Object.getPrototypeOf(chunks()) === ReadableStream.prototype];
    // Node 22 and later: BlockList has no JSTransferable base class.
    out.others = transferable.name !== 'JSTransferable' ? null : [new BlockList() instanceof transferable, new BlockList() instanceof BlockList, {} instanceof transferable, chunks() instanceof BlockList];
    const { port1, port2 } = new MessageChannel();
    const stream = chunks();
    try {
      port1.postMessage(stream, [stream]);
      out.transfer = await new Promise((resolve) => port2.once('message', (got) => read(got).then(resolve)));
    } catch (error) {
      out.transfer = error.name + ': ' + error.message;
    }
    port1.close();
    console.log(JSON.stringify(out));
  })();`;

const run = (env: Record<string, string> = {}) =>
  JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NEXTPRESS_NO_FAST_PATH: '', ...env } }));

const behaviour = {
  read: 'ab',
  tee: ['ab', 'ab'],
  piped: 'AB',
  sse: 'data: 1\n\n',
  written: ['a', 'b'],
  instances: [true, true, true, true],
};
const others = NODE_20_STREAMS ? [true, true, false, false] : null;

describe('installCheapWebStreams', () => {
  test(`streams behave as before; ${NODE_20_STREAMS ? 'on Node 20 a stream cannot be transferred' : 'on this Node nothing is installed'}`, () => {
    expect(run()).toEqual({
      ...behaviour,
      others,
      installed: NODE_20_STREAMS,
      transfer: NODE_20_STREAMS ? 'TypeError: Found invalid object in transferList' : 'ab',
    });
  });

  test('NEXTPRESS_TRANSFERABLE_STREAMS=1 and NEXTPRESS_NO_FAST_PATH=1 install nothing: a stream is transferred', () => {
    for (const env of [{ NEXTPRESS_TRANSFERABLE_STREAMS: '1' }, { NEXTPRESS_NO_FAST_PATH: '1' }] as Record<string, string>[]) {
      expect([env, run(env)]).toEqual([env, { ...behaviour, others, installed: false, transfer: 'ab' }]);
    }
  });

  test('createApp installs it (on Node 20; nothing on later Nodes)', () => {
    const probe = `
      const { createApp } = require('jiti').createJiti(process.cwd() + '/')('./server/app.ts');
      const transferable = Object.getPrototypeOf(require('node:net').BlockList);
      const installed = () => transferable.name === 'JSTransferable' && Object.prototype.hasOwnProperty.call(transferable, Symbol.hasInstance);
      const before = installed();
      createApp({ routesDir: 'tests/fixtures/app' });
      console.log(JSON.stringify([before, installed()]));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NEXTPRESS_NO_FAST_PATH: '' } }));
    expect(out).toEqual([false, NODE_20_STREAMS]);
  });
});
