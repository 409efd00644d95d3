import type { Case } from '../../lambdas/core/case';
import {
  quarterlyReportFromAggregates,
  slaReportFromAggregates,
  type SumAggregates,
} from '../../lambdas/core/reports/aggregate-reports';
import { REPORT_LANGUAGES, timeBucket } from '../../lambdas/core/reports/aggregates';
import type { Quarter } from '../../lambdas/core/reports/quarter';
import { quarterlyReport } from '../../lambdas/core/reports/quarterly-report';
import { slaReport, type CaseRecord, type SlaReport } from '../../lambdas/core/reports/sla-report';

/**
 * Asserts that the SLA report read from the aggregate counters agrees with the reports' own recount of
 * `records` (the stored cases with their events): overall counts, the first-response median as its
 * histogram bucket, cases by type, and cases and breaches by report language. Returns the report read
 * from the aggregates, for the caller's own further checks.
 */
export async function expectSlaReportMatchesRecount(
  sum: SumAggregates,
  records: readonly CaseRecord[],
  range: { readonly from: string; readonly to: string },
  now: Date,
): Promise<SlaReport> {
  const recount = slaReport(records, range, now);
  const fromAggregates = await slaReportFromAggregates(sum, range, now);
  const median = recount.overall.firstResponse.medianMinutes;
  expect(fromAggregates.overall).toMatchObject({
    cases: recount.overall.cases,
    escalations: recount.overall.escalations,
    breaches: recount.overall.breaches,
    firstResponse: {
      met: recount.overall.firstResponse.met,
      late: recount.overall.firstResponse.late,
      overdue: recount.overall.firstResponse.overdue,
      // The histogram keeps the bucket of the exact nearest-rank value (aggregates.ts `timeBucket`).
      ...(median === undefined ? {} : { medianMinutes: timeBucket(median) }),
    },
    resolution: { resolved: recount.overall.resolution.resolved, late: recount.overall.resolution.late },
  });
  for (const type of ['request', 'complaint'])
    expect(fromAggregates.byType[type]!.cases).toBe(recount.byType[type]!.cases);
  const byLanguage = (r: SlaReport) =>
    REPORT_LANGUAGES.map((l) => [l, r.byLanguage[l]!.cases, r.byLanguage[l]!.breaches]);
  expect(byLanguage(fromAggregates)).toEqual(byLanguage(recount));
  return fromAggregates;
}

/**
 * Asserts that the quarterly tabulation read from the aggregate counters agrees with a recount of
 * `cases` (every stored case, whenever created: open at quarter end needs the later ones too).
 */
export async function expectQuarterlyReportMatchesRecount(
  sum: SumAggregates,
  cases: readonly Case[],
  q: Quarter,
  now: Date,
): Promise<void> {
  const recount = quarterlyReport(cases, q, now);
  const fromAggregates = await quarterlyReportFromAggregates(sum, q, now);
  expect(fromAggregates.received).toEqual(recount.received);
  expect(fromAggregates.outcomes).toEqual(recount.outcomes);
  expect(fromAggregates.openAtQuarterEnd).toEqual(recount.openAtQuarterEnd);
  expect(fromAggregates.satisfaction).toEqual(recount.satisfaction);
  expect(fromAggregates.resolution.resolved).toBe(recount.resolution.resolved);
}
