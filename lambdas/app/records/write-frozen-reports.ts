import {
  frozenQuarterlyBody,
  frozenQuarterlyKey,
  recentClosedQuarters,
  type LockedObjects,
} from '../../core/reports/frozen-report';
import type { ReportStore } from '../../core/reports/report-store';
import type { Clock } from '../../core/ports';
import { getQuarterlyReport } from '../api/reports';

/** Closed quarters looked at each run: a frozen report missed by failed runs is written late, not never. */
export const FROZEN_REPORT_LOOKBACK_QUARTERS = 4;

export interface FrozenReportDeps {
  readonly reports: ReportStore;
  readonly locked: LockedObjects;
  readonly clock: Clock;
}

/**
 * Writes every frozen quarterly report of the last few closed quarters into the locked bucket, once
 * (idempotent: an existing object is left alone, and the body is the snapshot's canonical JSON, the
 * same bytes however often it is derived). The most recent closed quarter is frozen first if nobody has
 * asked for it yet (`getQuarterlyReport` freezes a closed quarter; the first freeze wins), so a quarter's
 * filing is locked within one sweep of its end. Returns the quarters written.
 */
export async function writeFrozenReports(deps: FrozenReportDeps): Promise<string[]> {
  const written: string[] = [];
  const quarters = recentClosedQuarters(deps.clock.now(), FROZEN_REPORT_LOOKBACK_QUARTERS);
  for (const [i, quarter] of quarters.entries()) {
    const key = frozenQuarterlyKey(quarter.label);
    if (await deps.locked.exists(key)) continue;
    let snapshot = await deps.reports.getSnapshot('quarterly', quarter.label);
    if (!snapshot && i === 0) {
      const { report, frozenAt } = await getQuarterlyReport({ quarter: quarter.label }, deps);
      if (frozenAt) snapshot = { body: report, frozenAt };
    }
    if (!snapshot) continue; // an older quarter nobody froze: nothing was filed from it
    await deps.locked.put(
      key,
      frozenQuarterlyBody(quarter.label, snapshot.frozenAt, snapshot.body),
      'application/json',
    );
    written.push(quarter.label);
  }
  return written;
}
