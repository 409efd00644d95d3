import { chainEvent } from '../../lambdas/core/audit-chain';
import type { Case } from '../../lambdas/core/case';
import type { BackfillSource, BackfillTarget, CaseRepository, ScannedCase } from '../../lambdas/core/ports';
import { aggregateDelta, type Counters } from '../../lambdas/core/reports/aggregates';
import type { TrackingNumber } from '../../lambdas/core/tracking-number';
import { aCase } from '../support/case-fixture';

export interface BackfillWorld {
  /** Writes cases as the application does. */
  readonly repo: CaseRepository;
  /** The same table as the backfill sees it, scanning a few cases per page. */
  readonly table: BackfillSource & BackfillTarget;
  /** Puts a case item back as the release before the sharded status index wrote it. */
  toOldLayout(tracking: TrackingNumber): Promise<void>;
  /** One group's counters over days, summed over the shards. */
  sum(cohort: 'C' | 'R' | 'G', group: string, fromDay: string, lastDay: string): Promise<Counters>;
}

/**
 * What the layout backfill needs of a case table (docs/scale-migration.md), run against the DynamoDB adapter
 * (on DynamoDB Local) and against the in-memory fake the backfill's use-case tests run on.
 */
export function backfillTableContract(name: string, makeWorld: () => Promise<BackfillWorld> | BackfillWorld): void {
  describe(`backfill table contract: ${name}`, () => {
    let w: BackfillWorld;
    beforeAll(async () => {
      w = await makeWorld();
    });

    /** A case of its own day (counters of other tests never mix in), written with an event and a message. */
    async function written(day: string, overrides: Partial<Case> = {}): Promise<Case> {
      const base = aCase({ createdAt: `${day}T10:00:00.000Z`, updatedAt: `${day}T10:00:00.000Z`, ...overrides });
      const e = chainEvent(base, { at: base.createdAt, actor: 'customer', type: 'case_opened' });
      const c = { ...base, eventSeq: e.seq, lastEventHash: e.hash };
      await w.repo.commit({
        case: c,
        expectedVersion: null,
        events: [e],
        messages: [
          {
            id: `m-${c.tracking}`,
            at: c.createdAt,
            direction: 'in',
            from: 'alice@customer.example',
            to: ['support@exchange.example'],
            subject: 'hi',
            text: 'hello',
            author: 'customer',
          },
        ],
      });
      return c;
    }

    async function edited(c: Case, change: Partial<Case> = {}): Promise<Case> {
      const next = { ...c, ...change, version: c.version + 1 };
      await w.repo.commit({ case: next, expectedVersion: c.version });
      return next;
    }

    async function scanned(segments: number): Promise<{ pages: number; bySegment: ScannedCase[][] }> {
      let pages = 0;
      const bySegment: ScannedCase[][] = [];
      for (let s = 0; s < segments; s++) {
        const mine: ScannedCase[] = [];
        for await (const page of w.table.scanCases(s, segments)) {
          pages++;
          mine.push(...page);
        }
        bySegment.push(mine);
      }
      return { pages, bySegment };
    }

    async function listedByStatus(status: Case['status']): Promise<TrackingNumber[]> {
      const out: TrackingNumber[] = [];
      let cursor: string | undefined;
      do {
        const page = await w.repo.queryCases({ status, limit: 5, ...(cursor ? { cursor } : {}) });
        out.push(...page.items.map((c) => c.tracking));
        cursor = page.cursor;
      } while (cursor);
      return out;
    }

    it('scans every case item once over the segments, a page at a time, and tells which have the status keys', async () => {
      // Enough cases that a parallel scan over 3 segments cannot plausibly leave all of them in one
      // (tracking numbers are random; with 7, about one run in 700 if the scan splits evenly, and it happened).
      const cases = await Promise.all(Array.from({ length: 30 }, () => written('2031-01-01')));
      const old = cases.slice(0, 3);
      for (const c of old) await w.toOldLayout(c.tracking);

      const { pages, bySegment } = await scanned(3);
      const all = bySegment.flat();
      const ours = (c: Case) => all.filter((s) => s.case.tracking === c.tracking);
      for (const c of cases) expect(ours(c)).toEqual([{ case: c, statusKeys: !old.includes(c) }]);
      // Only case items: no thread entries, events or other items of the case partitions.
      expect(all.every((s) => typeof s.case.tracking === 'string' && typeof s.case.version === 'number')).toBe(true);
      expect(bySegment.filter((s) => s.length > 0).length).toBeGreaterThan(1);
      expect(pages).toBeGreaterThan(3);
    });

    it('adds the counters of a case once, however often it is asked', async () => {
      const c = await written('2031-02-01');
      await w.toOldLayout(c.tracking);
      const delta = aggregateDelta(undefined, c, await w.table.listEvents(c.tracking));
      expect(await w.table.addCaseAggregates(c.tracking, c.version, delta)).toBe('added');
      expect(await w.table.addCaseAggregates(c.tracking, c.version, delta)).toBe('already');
      expect(await w.sum('C', 'type:request', '2031-02-01', '2031-02-01')).toEqual({
        received_request: 1,
      });
      expect(await w.sum('G', 'open', '-', '-')).toMatchObject({ open_request: expect.any(Number) });
    });

    it('adds nothing for a version the live case has moved on from without the status keys', async () => {
      const c = await written('2031-03-01');
      const moved = await edited(c, { priority: 'high' });
      await w.toOldLayout(c.tracking);
      const delta = aggregateDelta(undefined, c, []);
      expect(await w.table.addCaseAggregates(c.tracking, c.version, delta)).toBe('changed');
      expect(await w.sum('C', 'type:request', '2031-03-01', '2031-03-01')).toEqual({});
      // The version the live case holds is the one to count; a later run with it adds it.
      expect(await w.table.addCaseAggregates(c.tracking, moved.version, aggregateDelta(undefined, moved, []))).toBe(
        'added',
      );
      expect(await w.sum('C', 'type:request', '2031-03-01', '2031-03-01')).toEqual({ received_request: 1 });
    });

    it('adds the counters of a version the live case moved on from with the status keys (a write since the deploy)', async () => {
      const c = await written('2031-04-01');
      await edited(c, { priority: 'high' });
      expect(await w.table.addCaseAggregates(c.tracking, c.version, aggregateDelta(undefined, c, []))).toBe('added');
      expect(await w.sum('C', 'type:request', '2031-04-01', '2031-04-01')).toEqual({ received_request: 1 });
    });

    it('moves a case to the sharded status index once, and only from the version it was read at', async () => {
      const c = await written('2031-05-01', { status: 'open' });
      const d = await written('2031-05-01', { status: 'open' });
      for (const x of [c, d]) await w.toOldLayout(x.tracking);
      const listed = async () => (await listedByStatus('open')).filter((t) => t === c.tracking || t === d.tracking);
      expect(await listed()).toEqual([]);

      expect(await w.table.moveStatusKeys(c)).toBe(true);
      expect(await w.table.moveStatusKeys(c)).toBe(false);
      // Written meanwhile: that write gave it the keys, and the version read is stale.
      await edited(d, { priority: 'high' });
      expect(await w.table.moveStatusKeys(d)).toBe(false);

      expect((await listed()).sort()).toEqual([c.tracking, d.tracking].sort());
      const segments = (await scanned(2)).bySegment.flat();
      expect(segments.filter((s) => s.case.tracking === c.tracking)).toEqual([{ case: c, statusKeys: true }]);
      expect(await w.repo.getCase(c.tracking)).toEqual(c);
    });
  });
}
