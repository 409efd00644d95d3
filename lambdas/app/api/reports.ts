import type { Case } from '../../core/case';
import { ValidationError } from '../../core/errors';
import type { CaseRepository } from '../../core/ports';
import { isQuarterClosed, parseQuarter } from '../../core/reports/quarter';
import { quarterlyReport, type QuarterlyReport } from '../../core/reports/quarterly-report';
import { slaReport, type CaseRecord } from '../../core/reports/sla-report';
import type { ApiDeps } from './api-deps';

/** A report covers at most a year and a bit: bounds the reads one request makes. */
const MAX_RANGE_DAYS = 400;
/** Case event reads in flight at once. */
const CONCURRENCY = 8;
/** Where "every case received before the quarter's end" starts (before the product existed). */
const EPOCH = '2000-01-01T00:00:00.000Z';

export async function withEvents(
  repo: Pick<CaseRepository, 'listEvents'>,
  cases: readonly Case[],
): Promise<CaseRecord[]> {
  const out: CaseRecord[] = new Array(cases.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, cases.length) }, async () => {
      while (next < cases.length) {
        const i = next++;
        out[i] = { case: cases[i]!, events: await repo.listEvents(cases[i]!.tracking) };
      }
    }),
  );
  return out;
}

/** SLA compliance over cases received in [from, to) (ISO-8601 instants). */
export async function getSlaReport(
  q: { readonly from: string; readonly to: string },
  deps: Pick<ApiDeps, 'repo' | 'reports' | 'clock'>,
): Promise<ReturnType<typeof slaReport>> {
  if (Date.parse(q.to) - Date.parse(q.from) > MAX_RANGE_DAYS * 86400_000)
    throw new ValidationError(`a report covers at most ${MAX_RANGE_DAYS} days`);
  const cases = await deps.reports.casesCreatedBetween(q.from, q.to);
  return slaReport(await withEvents(deps.repo, cases), q, deps.clock.now());
}

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
    report = quarterlyReport(await deps.reports.casesCreatedBetween(EPOCH, quarter.to), quarter, now);
    if (closed) {
      const frozen = await deps.reports.freezeSnapshot('quarterly', quarter.label, report, now.toISOString());
      report = frozen.body as QuarterlyReport;
      frozenAt = frozen.frozenAt;
    }
  }
  return { report, ...(frozenAt ? { frozenAt } : {}) };
}
