import { DATED_AGGREGATE_GROUPS } from '../../core/reports/aggregate-reports';
import type { ReportStore } from '../../core/reports/report-store';

/**
 * Days back the compaction walks: zeros appear on a day's items while the cases received that day are
 * answered and resolved, which is mostly within a month; an older day keeps what it had (still correct,
 * only larger).
 */
export const COMPACT_DAYS = 35;

/**
 * Removes the report counters that stand at zero from the dated aggregate items of the last
 * {@link COMPACT_DAYS} days. Without it a day's items keep one counter per minute any of its cases was
 * ever due (at zero once answered), so they grow with the cases a day held instead of with the distinct
 * times; with it they hold the responses still owed and the histogram buckets in use. Sums are unchanged.
 * Idempotent; returns how many counters went.
 */
export async function compactReportAggregates(
  deps: { readonly reports: Pick<ReportStore, 'compactAggregates'> },
  now: Date,
  days = COMPACT_DAYS,
): Promise<number> {
  const lastDay = now.toISOString().slice(0, 10);
  const fromDay = new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
  let removed = 0;
  // One group at a time: each is a handful of range reads, and a sweep has other work to do.
  for (const { cohort, group } of DATED_AGGREGATE_GROUPS)
    removed += await deps.reports.compactAggregates(cohort, group, fromDay, lastDay);
  return removed;
}
