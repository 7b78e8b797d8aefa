import { describe, expect, test } from '@jest/globals';
import { pino } from 'pino';
import { turnBatchedDestination } from '../../server/logging/turn-batched-destination';

/** A writer that records each write it is given, and what had been written before each turn ended. */
function recorder() {
  const writes: string[] = [];
  return { writes, write: (text: string) => void writes.push(text) };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const msgs = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line).msg);

describe('turnBatchedDestination', () => {
  // Lines are `level:msg`; writes are `|`-separated, the messages of each write space-separated.
  test.each([
    // [case, what is logged in one turn, the writes made during the turn, the writes once it ended]
    ['info a, b, c', 'info:a info:b info:c', '', 'a b c'],
    ['debug and info are held alike', 'debug:a info:b', '', 'a b'],
    ['an error writes what is pending, then itself, at once', 'info:a error:b info:c', 'a b', 'a b|c'],
    ['a warning alone is written at once', 'warn:a', 'a', 'a'],
    ['fatal after two infos', 'info:a info:b fatal:c', 'a b c', 'a b c'],
  ])('%s', async (_name, logged, duringTurn, afterTurn) => {
    const out = recorder();
    const logger = pino({ level: 'debug' }, turnBatchedDestination(out));
    for (const entry of logged.split(' ')) {
      const [level, msg] = entry.split(':') as ['debug' | 'info' | 'warn' | 'error' | 'fatal', string];
      logger[level](msg);
    }
    const written = () => out.writes.map((text) => msgs(text).join(' ')).join('|');
    expect(written()).toBe(duringTurn);
    await nextTurn();
    expect(written()).toBe(afterTurn);
  });

  test('each turn gets its own write; a turn that logged nothing writes nothing', async () => {
    const out = recorder();
    const logger = pino({}, turnBatchedDestination(out));
    logger.info('one');
    await nextTurn();
    await nextTurn();
    logger.info('two');
    logger.info('three');
    await nextTurn();
    expect(out.writes.map(msgs)).toEqual([['one'], ['two', 'three']]);
  });

  test('logger.flush() writes what is pending at once, and calls back', () => {
    const out = recorder();
    const logger = pino({}, turnBatchedDestination(out));
    logger.info('a');
    let called = false;
    logger.flush(() => {
      called = true;
    });
    expect(out.writes.map(msgs)).toEqual([['a']]);
    expect(called).toBe(true);
  });

  test("the process's 'exit' event writes what is pending", () => {
    const out = recorder();
    const before = process.listeners('exit');
    const logger = pino({}, turnBatchedDestination(out));
    const added = process.listeners('exit').filter((listener) => !before.includes(listener));
    expect(added).toHaveLength(1);
    logger.info('last words');
    expect(out.writes).toEqual([]);
    (added[0] as () => void)();
    expect(out.writes.map(msgs)).toEqual([['last words']]);
    process.off('exit', added[0]);
  });
});
