import { accessRecord, type AccessRecord } from '../../lambdas/core/access-log';
import type { AccessLog } from '../../lambdas/core/ports';

/** Reads every page of a listing, following the cursor. */
async function listAll(log: AccessLog, from: string, to: string, limit: number): Promise<AccessRecord[]> {
  const out: AccessRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await log.list({ from, to, limit, ...(cursor ? { cursor } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

/**
 * What every AccessLog must do, run against the DynamoDB adapter (on DynamoDB Local) and against the
 * in-memory fake. Each test uses days no other test touches, so one store serves the whole suite.
 */
export function accessLogContract(name: string, make: () => Promise<AccessLog> | AccessLog): void {
  describe(`AccessLog contract: ${name}`, () => {
    let log: AccessLog;
    beforeAll(async () => {
      log = await make();
    });

    it('keeps one record per reader, action and target within a window, and a new one in the next window', async () => {
      const read = (at: string, actor = 'alice.agent') =>
        accessRecord({ at: new Date(at), actor, action: 'case_read', target: 'K7QM-4TZX-P9HC' });
      expect(await log.record(read('2026-01-05T10:01:00.000Z'))).toBe(true);
      expect(await log.record(read('2026-01-05T10:09:00.000Z'))).toBe(false);
      expect(await log.record(read('2026-01-05T10:09:00.000Z', 'bob.agent'))).toBe(true);
      expect(await log.record(read('2026-01-05T10:16:00.000Z'))).toBe(true);

      const got = await listAll(log, '2026-01-05T00:00:00.000Z', '2026-01-06T00:00:00.000Z', 10);
      expect(got).toEqual([
        read('2026-01-05T10:01:00.000Z'),
        read('2026-01-05T10:09:00.000Z', 'bob.agent'),
        read('2026-01-05T10:16:00.000Z'),
      ]);
    });

    it('lists windows in [from, to), oldest first, across days, every record once over the pages', async () => {
      const written: AccessRecord[] = [];
      for (let day = 10; day <= 12; day++)
        for (let h = 0; h < 4; h++) {
          const r = accessRecord({
            at: new Date(`2026-02-${day}T0${h}:05:00.000Z`),
            actor: `agent-${h}`,
            action: 'customer_lookup',
            target: `c${day}@customer.example`,
          });
          expect(await log.record(r)).toBe(true);
          written.push(r);
        }
      const from = '2026-02-10T01:00:00.000Z';
      const to = '2026-02-12T03:00:00.000Z';
      const expected = written.filter((r) => r.window >= from && r.window < to);
      expect(expected).toHaveLength(12 - 1 - 1);
      expect(await listAll(log, from, to, 3)).toEqual(expected);
      expect(await listAll(log, from, to, 50)).toEqual(expected);
    });

    it('lists nothing, and no cursor, for a range without records', async () => {
      expect(await log.list({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z', limit: 5 })).toEqual({
        items: [],
      });
    });
  });
}
