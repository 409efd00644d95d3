import { ValidationError } from '../../lambdas/core/errors';
import type { Queue, QueueName } from '../../lambdas/core/ports';

/** A queue under test and a consumer's view of it. */
export interface QueueHarness {
  readonly queue: Queue;
  /**
   * Receives and deletes every body visible on `name` now (after a short settle for a remote queue).
   * Delayed messages are not asked about: only the SQS adapter's own test can watch time pass.
   */
  receiveAll(name: QueueName, expectedAtLeast: number): Promise<unknown[]>;
}

/**
 * What every Queue must do, run against the SQS adapter (on the SQS emulator) and the in-memory fake, so
 * use-case tests that read the fake's queue see what a consumer of the real one would.
 */
export function queueContract(name: string, makeHarness: () => Promise<QueueHarness> | QueueHarness): void {
  describe(`Queue contract: ${name}`, () => {
    let h: QueueHarness;
    beforeAll(async () => {
      h = await makeHarness();
    });

    it('delivers a body as JSON: a Date arrives as its ISO string, undefined fields vanish', async () => {
      await h.queue.send('outbound', {
        tracking: 'K7QM-4TZX-P9HC',
        at: new Date('2026-03-02T09:00:00Z'),
        gone: undefined,
      });
      expect(await h.receiveAll('outbound', 1)).toEqual([
        { tracking: 'K7QM-4TZX-P9HC', at: '2026-03-02T09:00:00.000Z' },
      ]);
    });

    it('delivers every message of a batch larger than one request holds, to the queue named', async () => {
      const messages = Array.from({ length: 23 }, (_, n) => ({ body: { n } }));
      await h.queue.sendBatch('timers', messages);
      const got = (await h.receiveAll('timers', 23)) as { n: number }[];
      expect(got.map((b) => b.n).sort((a, b) => a - b)).toEqual(messages.map((m) => m.body.n));
      expect(await h.receiveAll('outbound', 0)).toEqual([]);
    });

    it.each([901, -1, 1.5])('refuses a delay of %p seconds before sending anything', async (delaySeconds) => {
      await expect(h.queue.send('outbound', { x: 1 }, delaySeconds)).rejects.toBeInstanceOf(ValidationError);
      // The bad delay is the last of a batch longer than one request: nothing of it may have left.
      const batch = [...Array.from({ length: 12 }, (_, n) => ({ body: { n } })), { body: { n: 12 }, delaySeconds }];
      await expect(h.queue.sendBatch('outbound', batch)).rejects.toBeInstanceOf(ValidationError);
      await h.queue.send('outbound', { marker: true }); // the positive signal the emptiness is read after
      expect(await h.receiveAll('outbound', 1)).toEqual([{ marker: true }]);
    });
  });
}
