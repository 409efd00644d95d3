import { randomBytes } from 'node:crypto';
import type { AckCounters } from '../../lambdas/core/ports';

/**
 * What every AckCounters must do, run against the DynamoDB adapter (on DynamoDB Local) and against the
 * in-memory fake that the intake's use-case tests rely on.
 */
export function ackCountersContract(name: string, make: () => Promise<AckCounters> | AckCounters): void {
  describe(`AckCounters contract: ${name}`, () => {
    let counters: AckCounters;
    const later = new Date(Date.now() + 3_600_000);
    const key = () => `ACKTEST#${randomBytes(6).toString('hex')}`;
    beforeAll(async () => {
      counters = await make();
    });

    it('takes places up to the limit and refuses the next', async () => {
      const k = key();
      const taken = [];
      for (let i = 0; i < 4; i++) taken.push(await counters.take(k, 3, later));
      expect(taken).toEqual([true, true, true, false]);
    });

    it('never lets concurrent callers together exceed the limit', async () => {
      const k = key();
      const results = await Promise.all(Array.from({ length: 12 }, () => counters.take(k, 5, later)));
      expect(results.filter(Boolean)).toHaveLength(5);
    });

    it('keeps keys apart, and a limit of zero takes nothing', async () => {
      const a = key();
      const b = key();
      expect(await counters.take(a, 1, later)).toBe(true);
      expect(await counters.take(a, 1, later)).toBe(false);
      expect(await counters.take(b, 1, later)).toBe(true);
      expect(await counters.take(key(), 0, later)).toBe(false);
    });

    it('lets a raised limit take more in the same window', async () => {
      const k = key();
      expect(await counters.take(k, 1, later)).toBe(true);
      expect(await counters.take(k, 1, later)).toBe(false);
      expect(await counters.take(k, 2, later)).toBe(true);
    });
  });
}
