import type { Case } from '../case';
import type { Counters } from './aggregates';

export interface CreatedPageQuery {
  readonly from: string;
  readonly to: string;
  /** Index key of the last case of the previous page. */
  readonly after?: string;
  readonly limit: number;
}

export interface CreatedPage {
  /** Whole cases, in index-key order. */
  readonly cases: readonly Case[];
  readonly more: boolean;
}

/**
 * What reports and exports read beyond the case repository: cases by creation time, and frozen report
 * snapshots (a filed quarter must never change afterwards).
 */
export interface ReportStore {
  /** Cases created in [from, to), oldest first per status. Reads the whole range: recounts and tests only. */
  casesCreatedBetween(from: string, to: string): Promise<Case[]>;
  /**
   * One bounded page of the cases created in [from, to), in index-key order (`<createdAt>#<tracking>`,
   * export-job.ts `exportCaseKey`), strictly after the key `after`: at most `limit` cases, however large
   * the range. `more` says whether cases after the page's last one remain.
   */
  casesCreatedPage(q: CreatedPageQuery): Promise<CreatedPage>;
  /**
   * The report counters of one aggregate group (`type:request`, `topic:fees`, ...) summed over the UTC
   * days [fromDay, lastDay] and over every shard: one range read per shard, however many cases the days
   * hold. With `only`, just those counters are read (and returned when present): a report that needs a
   * few named counters does not read the histograms beside them.
   */
  sumAggregates(
    cohort: 'C' | 'R' | 'G',
    group: string,
    fromDay: string,
    lastDay: string,
    only?: readonly string[],
  ): Promise<Counters>;
  /**
   * The same reads as `sumAggregates`, kept apart by day: the counters of each UTC day of [fromDay,
   * lastDay] that has any, summed over shards (a day with none is absent; with `only`, a day whose item
   * holds none of them may be present and empty).
   */
  aggregatesByDay(
    cohort: 'C' | 'R',
    group: string,
    fromDay: string,
    lastDay: string,
    only?: readonly string[],
  ): Promise<Readonly<Record<string, Counters>>>;
  /**
   * Removes the counters of one group's items over the UTC days [fromDay, lastDay] that stand at zero (the
   * due minute of a response since given, a histogram bucket a changed case left), each only while it is
   * still zero, so a concurrent commit's addition is never lost. Every sum reads the same afterwards; the
   * items stop growing with the cases a day held. Returns how many counters were removed.
   */
  compactAggregates(cohort: 'C' | 'R', group: string, fromDay: string, lastDay: string): Promise<number>;
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
