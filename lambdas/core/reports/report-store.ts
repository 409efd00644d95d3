import type { Case } from '../case';
import type { Counters } from './aggregates';

/**
 * What reports and exports read beyond the case repository: cases by creation time, and frozen report
 * snapshots (a filed quarter must never change afterwards).
 */
export interface ReportStore {
  /** Cases created in [from, to), oldest first per status. */
  casesCreatedBetween(from: string, to: string): Promise<Case[]>;
  /**
   * The report counters of one aggregate group (`type:request`, `topic:fees`, ...) summed over the UTC
   * days [fromDay, lastDay] and over every shard: one range read per shard, however many cases the days hold.
   */
  sumAggregates(cohort: 'C' | 'R' | 'G', group: string, fromDay: string, lastDay: string): Promise<Counters>;
  /** The stored snapshot of a report, or undefined. */
  getSnapshot(kind: string, key: string): Promise<{ readonly body: unknown; readonly frozenAt: string } | undefined>;
  /**
   * Stores a snapshot unless one exists; returns whichever snapshot is stored afterwards (the first
   * writer wins, so two concurrent first requests file the same figures).
   */
  freezeSnapshot(
    kind: string,
    key: string,
    body: unknown,
    frozenAt: string,
  ): Promise<{ readonly body: unknown; readonly frozenAt: string }>;
}
