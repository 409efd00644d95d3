import type { AuditEvent } from '../../lambdas/core/audit-chain';
import type { Case } from '../../lambdas/core/case';
import type { AggregatesBackfill, BackfillSource, BackfillTarget, ScannedCase } from '../../lambdas/core/ports';
import { addCounters, type AggregateDelta } from '../../lambdas/core/reports/aggregates';
import type { TrackingNumber } from '../../lambdas/core/tracking-number';
import type { InMemoryCaseRepository } from './case-repository';

/**
 * The layout backfill's view of an in-memory repository, with the DynamoDB adapter's semantics: segments
 * split the cases disjointly, pages are read lazily, counters are added once per case (a marker of its
 * own) and only while the live case is at the source's version or has the status keys, and the status keys
 * move only while the case is at the version read without them.
 */
export class InMemoryBackfillTable implements BackfillSource, BackfillTarget {
  /** The backfill's markers: the version whose counters were added, by case. */
  readonly markers = new Map<TrackingNumber, number>();

  constructor(
    readonly repo: InMemoryCaseRepository,
    private readonly pageSize = 2,
  ) {}

  async *scanCases(segment: number, segments: number): AsyncIterable<readonly ScannedCase[]> {
    const mine = this.repo.storedCases().filter((c) => segmentOf(c.tracking, segments) === segment);
    for (let i = 0; i < mine.length; i += this.pageSize) {
      // Read when the page is asked for, as a scan reads the table as it is then.
      const page = mine
        .slice(i, i + this.pageSize)
        .map((c) => ({ case: c, statusKeys: this.repo.hasStatusKeys(c.tracking) }));
      yield page;
    }
  }

  listEvents(tracking: TrackingNumber): Promise<AuditEvent[]> {
    return this.repo.listEvents(tracking);
  }

  async addCaseAggregates(
    tracking: TrackingNumber,
    version: number,
    delta: AggregateDelta,
  ): Promise<AggregatesBackfill> {
    if (this.markers.has(tracking)) return 'already';
    const live = await this.repo.getCase(tracking);
    if (!this.repo.hasStatusKeys(tracking) && live?.version !== version) return 'changed';
    this.markers.set(tracking, version);
    for (const [key, counters] of Object.entries(delta))
      this.repo.aggregates.set(key, addCounters({ ...this.repo.aggregates.get(key) }, counters));
    return 'added';
  }

  async moveStatusKeys(c: Case): Promise<boolean> {
    const live = await this.repo.getCase(c.tracking);
    if (live?.version !== c.version || this.repo.hasStatusKeys(c.tracking)) return false;
    this.repo.giveStatusKeys(c.tracking);
    return true;
  }
}

/** A stable split of tracking numbers over segments (DynamoDB splits by key hash). */
function segmentOf(t: TrackingNumber, segments: number): number {
  let h = 0;
  for (const ch of t) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % segments;
}
