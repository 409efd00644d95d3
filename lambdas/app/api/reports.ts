import type { Case } from '../../core/case';
import { ValidationError } from '../../core/errors';
import type { CaseRepository } from '../../core/ports';
import { isQuarterClosed, parseQuarter } from '../../core/reports/quarter';
import { quarterlyCsv } from '../../core/reports/quarterly-csv';
import { quarterlyHtml } from '../../core/reports/quarterly-html';
import { quarterlyReport, type QuarterlyReport } from '../../core/reports/quarterly-report';
import { slaReport, type CaseRecord } from '../../core/reports/sla-report';
import { html, json, text, type ApiResponse } from './http';
import type { ApiDeps, ApiRequest } from './request';
import { QuarterlyQuery, RangeQuery } from './schemas';

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

/** `GET /reports/sla?from=&to=` (supervisor, auditor): compliance over cases received in [from, to). */
export async function getSlaReport(
  req: ApiRequest,
  deps: Pick<ApiDeps, 'repo' | 'reports' | 'clock'>,
): Promise<ApiResponse> {
  const q = RangeQuery.parse(req.query);
  if (Date.parse(q.to) - Date.parse(q.from) > MAX_RANGE_DAYS * 86400_000)
    throw new ValidationError(`a report covers at most ${MAX_RANGE_DAYS} days`);
  const cases = await deps.reports.casesCreatedBetween(q.from, q.to);
  return json(200, slaReport(await withEvents(deps.repo, cases), q, deps.clock.now()));
}

type Format = 'json' | 'csv' | 'html';

function formatOf(req: ApiRequest, explicit: Format | undefined): Format {
  if (explicit) return explicit;
  const accept = req.headers.accept ?? '';
  if (/\btext\/csv\b/.test(accept)) return 'csv';
  if (/\btext\/html\b/.test(accept) && !/application\/json/.test(accept)) return 'html';
  return 'json';
}

/**
 * `GET /reports/quarterly?quarter=2026Q3` (supervisor, auditor): the regulator's tabulation. A closed
 * quarter is frozen on its first request and served from the snapshot afterwards, so what was filed never
 * changes; an open quarter is computed live and says so.
 */
export async function getQuarterlyReport(
  req: ApiRequest,
  deps: Pick<ApiDeps, 'reports' | 'clock'>,
): Promise<ApiResponse> {
  const q = QuarterlyQuery.parse(req.query);
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
  const headers = { 'x-report-state': frozenAt ? `frozen ${frozenAt}` : 'live' };
  switch (formatOf(req, q.format)) {
    case 'csv':
      return text(200, quarterlyCsv(report), 'text/csv; charset=utf-8', {
        ...headers,
        'content-disposition': `attachment; filename="docket-${quarter.label}.csv"`,
      });
    case 'html':
      return { ...html(200, quarterlyHtml(report, frozenAt)), headers: { ...html(200, '').headers, ...headers } };
    default:
      return json(200, { ...report, ...(frozenAt ? { frozenAt } : { live: true }) }, headers);
  }
}
