import { describe, expect, test } from '@jest/globals';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { RequestStore, currentRequestStore } from '../../server/context';
import { createAfterQueue } from '../../server/dispatch/after-queue';
import { recordingLogger } from '../helpers/serve';

function store(): RequestStore {
  const req = new IncomingMessage(new Socket());
  return new RequestStore(new Request('http://localhost/x'), req, new ServerResponse(req), 'x/route.ts');
}

describe('createAfterQueue', () => {
  test('runNow: every batch, nested ones after their parent settles, in the request context; errors logged', async () => {
    const log = recordingLogger();
    const queue = createAfterQueue(log.logger);
    const s = store();
    const ran: string[] = [];
    s.afterTasks = [
      () => {
        ran.push(`outer:${currentRequestStore() === s}`);
        (s.afterTasks ??= []).push(() => {
          ran.push('inner');
          (s.afterTasks ??= []).push(() => {
            ran.push('innermost');
          });
        });
      },
      () => {
        throw new Error('boom');
      },
    ];
    await queue.runNow(s);
    expect(ran).toEqual(['outer:true', 'inner', 'innermost']);
    expect(log.lines.map((line) => [line.level, line.msg])).toEqual([['error', "Error in after() callback of 'x/route.ts'"]]);
    expect(s.afterTasks).toBeUndefined();
  });

  test('afterResponse waits for the response to close; settled() waits for the work', async () => {
    const queue = createAfterQueue(recordingLogger().logger);
    const s = store();
    let done = false;
    s.afterTasks = [
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        done = true;
      },
    ];
    queue.afterResponse(s);
    await queue.settled();
    expect(done).toBe(false); // the response has not closed yet: nothing started
    s.res.emit('close');
    await queue.settled();
    expect(done).toBe(true);
  });

  test('no work: nothing is scheduled', async () => {
    const queue = createAfterQueue(recordingLogger().logger);
    const s = store();
    queue.afterResponse(s);
    await expect(queue.settled()).resolves.toBeUndefined();
  });
});
