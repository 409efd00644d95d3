import { ValidationError } from '../../core/errors';
import {
  quarterlyReportFromAggregates,
  slaReportFromAggregates,
  type DailyAggregates,
  type SumAggregates,
} from '../../core/reports/aggregate-reports';
import { backlogFromAggregates, type BacklogReport } from '../../core/reports/backlog';
import { isQuarterClosed, parseQuarter } from '../../core/reports/quarter';
import type { QuarterlyReport } from '../../core/reports/quarterly-report';
import type { SlaReport } from '../../core/reports/sla-report';
import type { ApiDeps } from './api-deps';

/** A report covers at most a year and a bit: bounds the reads one request makes. */
const MAX_RANGE_DAYS = 400;
/**
 * SLA compliance over the cases received on the whole UTC days of [from, to) (the answer's `from` and
 * `to` say which), read from the report counters: O(days), not O(cases).
 */
export async function getSlaReport(
  q: { readonly from: string; readonly to: string },
  deps: Pick<ApiDeps, 'reports' | 'clock'>,
): Promise<SlaReport> {
  checkRange(q);
  return slaReportFromAggregates(sumOf(deps.reports), q, deps.clock.now());
}

/**
 * Cases received, resolved and ended on each whole UTC day of [from, to) up to today, and open at each
 * day's end, read from the report counters: O(days in the range + days since its end), not O(cases).
 */
export async function getBacklogReport(
  q: { readonly from: string; readonly to: string },
  deps: Pick<ApiDeps, 'reports' | 'clock'>,
): Promise<BacklogReport> {
  checkRange(q);
  const daily: DailyAggregates = (cohort, group, fromDay, lastDay, only) =>
    deps.reports.aggregatesByDay(cohort, group, fromDay, lastDay, only);
  return backlogFromAggregates(daily, sumOf(deps.reports), q, deps.clock.now());
}

function checkRange(q: { readonly from: string; readonly to: string }): void {
  if (Date.parse(q.to) - Date.parse(q.from) > MAX_RANGE_DAYS * 86400_000)
    throw new ValidationError(`a report covers at most ${MAX_RANGE_DAYS} days`);
}

const sumOf =
  (reports: ApiDeps['reports']): SumAggregates =>
  (cohort, group, fromDay, lastDay, only) =>
    reports.sumAggregates(cohort, group, fromDay, lastDay, only);

/** A quarterly report and, for a closed quarter, when it was frozen. */
export interface QuarterlyReportResult {
  readonly report: QuarterlyReport;
  /** Absent while the quarter runs (the report is live). */
  readonly frozenAt?: string;
}

/**
 * The regulator's tabulation for a quarter such as `2026Q3`. A closed
 * quarter is frozen on its first request and served from the snapshot afterwards, so what was filed never
 * changes; an open quarter is computed live and says so.
 */
export async function getQuarterlyReport(
  q: { readonly quarter: string },
  deps: Pick<ApiDeps, 'reports' | 'clock'>,
): Promise<QuarterlyReportResult> {
  const quarter = parseQuarter(q.quarter);
  const now = deps.clock.now();
  const closed = isQuarterClosed(quarter, now);
  let report: QuarterlyReport;
  let frozenAt: string | undefined;
  const stored = closed ? await deps.reports.getSnapshot('quarterly', quarter.label) : undefined;
  if (stored) {
    report = stored.body as QuarterlyReport;
    frozenAt = stored.frozenAt;
  } else {
    report = await quarterlyReportFromAggregates(sumOf(deps.reports), quarter, now);
    if (closed) {
      const frozen = await deps.reports.freezeSnapshot('quarterly', quarter.label, report, now.toISOString());
      report = frozen.body as QuarterlyReport;
      frozenAt = frozen.frozenAt;
    }
  }
  return { report, ...(frozenAt ? { frozenAt } : {}) };
}
