import { canonicalJson } from '../canonical-json';
import type { Quarter } from './quarter';

/**
 * A frozen quarterly report as a record of its own: the figures as filed, written once into the
 * Object-Locked bucket under compliance retention, so a report once frozen cannot be changed afterwards
 * even by someone who can write the table (where the snapshot item lives).
 */

/** Key prefix of frozen reports in the mail bucket. */
export const FROZEN_REPORT_PREFIX = 'reports/';

export const FROZEN_REPORT_FORMAT = 'docket-frozen-report/1';

/** Where the frozen report of a quarter is stored, e.g. `reports/quarterly/2026Q3.json`. */
export const frozenQuarterlyKey = (quarter: string): string => `${FROZEN_REPORT_PREFIX}quarterly/${quarter}.json`;

/**
 * The object's bytes: RFC 8785 canonical JSON (canonical-json.ts) of the format, the quarter, when it was
 * frozen and the report, so the same snapshot always gives the same bytes and anyone can re-derive them.
 */
export function frozenQuarterlyBody(quarter: string, frozenAt: string, report: unknown): string {
  return canonicalJson({ format: FROZEN_REPORT_FORMAT, kind: 'quarterly', quarter, frozenAt, report });
}

/** The closed quarters of the last `count`, newest first (the quarter `now` falls in is still open). */
export function recentClosedQuarters(now: Date, count: number): Quarter[] {
  const out: Quarter[] = [];
  let year = now.getUTCFullYear();
  let q = Math.floor(now.getUTCMonth() / 3) + 1;
  for (let i = 0; i < count; i++) {
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
    out.push({
      label: `${year}Q${q}`,
      from: new Date(Date.UTC(year, (q - 1) * 3, 1)).toISOString(),
      to: new Date(Date.UTC(year, q * 3, 1)).toISOString(),
    });
  }
  return out;
}

/** The Object-Locked store frozen reports go to (port; S3 with compliance retention). */
export interface LockedObjects {
  exists(key: string): Promise<boolean>;
  /** Writes the object under compliance retention (with the checksum Object Lock writes need). */
  put(key: string, body: string, contentType: string): Promise<void>;
}
