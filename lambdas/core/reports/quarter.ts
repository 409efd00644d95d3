import { ValidationError } from '../errors';

/** A calendar quarter in UTC, e.g. 2026Q3 = [2026-07-01, 2026-10-01). */
export interface Quarter {
  readonly label: string;
  readonly from: string;
  readonly to: string;
}

/** Parses `2026Q3` (case-insensitive). Throws a `ValidationError` naming the expected form. */
export function parseQuarter(input: string): Quarter {
  const m = /^(\d{4})Q([1-4])$/i.exec(input.trim());
  if (!m) throw new ValidationError('quarter must look like 2026Q3');
  const year = Number(m[1]);
  const q = Number(m[2]);
  const from = new Date(Date.UTC(year, (q - 1) * 3, 1));
  const to = new Date(Date.UTC(year, q * 3, 1));
  return { label: `${year}Q${q}`, from: from.toISOString(), to: to.toISOString() };
}

/** A quarter is closed (its figures can be filed and frozen) once its end has passed. */
export const isQuarterClosed = (q: Quarter, now: Date): boolean => Date.parse(q.to) <= now.getTime();
