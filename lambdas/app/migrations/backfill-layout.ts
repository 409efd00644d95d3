import { ValidationError } from '../../core/errors';
import type { BackfillSource, BackfillTarget, CaseScan, ScannedCase } from '../../core/ports';
import { aggregateDelta } from '../../core/reports/aggregates';

/** What the aggregates pass did, per case it scanned in the source. */
export interface AggregatesCounts {
  scanned: number;
  added: number;
  /** An earlier run added them. */
  already: number;
  /**
   * The source holds a version the new release wrote (it has the status keys): the restore is from after
   * the deploy, and adding that version would count the release's own changes twice. Not added.
   */
  sourceTooLate: number;
  /** The previous release changed the live case after the source's instant: the restore is too early. Not added. */
  sourceTooEarly: number;
}

/** What the status-key pass did, per case item it scanned in the live table. */
export interface StatusKeysCounts {
  scanned: number;
  moved: number;
  /** Already in the sharded index (written since the deploy, or moved by an earlier run). */
  present: number;
  /** Written between the scan and the update: that write gave it the keys. */
  changedMeanwhile: number;
}

export type BackfillProgress =
  | { readonly pass: 'aggregates'; readonly segment: number; readonly done: boolean; readonly counts: AggregatesCounts }
  | {
      readonly pass: 'status-keys';
      readonly segment: number;
      readonly done: boolean;
      readonly counts: StatusKeysCounts;
    };

export interface BackfillResult {
  readonly aggregates: AggregatesCounts;
  /** Absent when the aggregates pass found a source that does not fit (the status keys were left alone). */
  readonly statusKeys?: StatusKeysCounts;
}

export interface BackfillDeps {
  /** The table restored to the deploy instant. */
  readonly source: BackfillSource;
  /** The live table. */
  readonly target: BackfillTarget;
  /** Called after every page of every segment, and once when a segment is done. */
  readonly progress?: (p: BackfillProgress) => void;
}

/**
 * Brings a table written before the sharded status index and the report counters to the current layout
 * (docs/scale-migration.md), in two passes over parallel scan segments:
 *
 * 1. For each case of the source (the table as it was at the deploy), adds what that version and its audit
 *    events contribute to the counters (`aggregateDelta` of no previous version), once per case. Commits
 *    since the deploy added `contribution(new) - contribution(at deploy)`, so together they make
 *    `contribution(now)`.
 * 2. For each live case item without the sharded status keys, sets them as every case write does and
 *    drops the old index's keys, unless the case was written meanwhile.
 *
 * A source from the wrong instant is reported (`sourceTooLate`, `sourceTooEarly`) and those cases are left
 * out; the second pass then does not run, because the check that finds a too-early source relies on the
 * live case not having the status keys yet. Idempotent: a rerun (after a crash, or with a better source)
 * adds only what no run added. Memory stays bounded: one page per segment at a time.
 */
export async function backfillLayout(deps: BackfillDeps, opts: { readonly segments: number }): Promise<BackfillResult> {
  const { segments } = opts;
  if (!Number.isInteger(segments) || segments < 1)
    throw new ValidationError(`segments must be a positive integer, not ${segments}`);
  const aggregates = sum(
    await Promise.all(range(segments).map((segment) => aggregateSegment(deps, segment, segments))),
    emptyAggregates,
  );
  if (aggregates.sourceTooLate > 0 || aggregates.sourceTooEarly > 0) return { aggregates };
  const statusKeys = sum(
    await Promise.all(range(segments).map((segment) => statusKeySegment(deps, segment, segments))),
    emptyStatusKeys,
  );
  return { aggregates, statusKeys };
}

async function aggregateSegment(deps: BackfillDeps, segment: number, segments: number): Promise<AggregatesCounts> {
  const counts = emptyAggregates();
  await eachPage(deps.source, segment, segments, async (page) => {
    for (const { case: c, statusKeys } of page) {
      counts.scanned++;
      if (statusKeys) {
        counts.sourceTooLate++;
        continue;
      }
      const events = await deps.source.listEvents(c.tracking);
      const outcome = await deps.target.addCaseAggregates(c.tracking, c.version, aggregateDelta(undefined, c, events));
      if (outcome === 'added') counts.added++;
      else if (outcome === 'already') counts.already++;
      else counts.sourceTooEarly++;
    }
    deps.progress?.({ pass: 'aggregates', segment, done: false, counts: { ...counts } });
  });
  deps.progress?.({ pass: 'aggregates', segment, done: true, counts: { ...counts } });
  return counts;
}

async function statusKeySegment(deps: BackfillDeps, segment: number, segments: number): Promise<StatusKeysCounts> {
  const counts = emptyStatusKeys();
  await eachPage(deps.target, segment, segments, async (page) => {
    for (const { case: c, statusKeys } of page) {
      counts.scanned++;
      if (statusKeys) counts.present++;
      else if (await deps.target.moveStatusKeys(c)) counts.moved++;
      else counts.changedMeanwhile++;
    }
    deps.progress?.({ pass: 'status-keys', segment, done: false, counts: { ...counts } });
  });
  deps.progress?.({ pass: 'status-keys', segment, done: true, counts: { ...counts } });
  return counts;
}

/** One page at a time: the next is read only once this one is written. */
async function eachPage(
  table: CaseScan,
  segment: number,
  segments: number,
  each: (page: readonly ScannedCase[]) => Promise<void>,
): Promise<void> {
  for await (const page of table.scanCases(segment, segments)) await each(page);
}

const emptyAggregates = (): AggregatesCounts => ({
  scanned: 0,
  added: 0,
  already: 0,
  sourceTooLate: 0,
  sourceTooEarly: 0,
});
const emptyStatusKeys = (): StatusKeysCounts => ({ scanned: 0, moved: 0, present: 0, changedMeanwhile: 0 });
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function sum<T extends object>(parts: readonly T[], empty: () => T): T {
  const total = empty() as Record<string, number>;
  for (const p of parts)
    for (const [k, n] of Object.entries(p as Record<string, number>)) total[k] = (total[k] ?? 0) + n;
  return total as T;
}
