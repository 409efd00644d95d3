/**
 * Nearest-rank percentile (the smallest value with at least p% of the values at or below it): every
 * reported figure is an actual observed time, which is what an auditor can check against the records.
 * Returns undefined for no values.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** The median as the 50th nearest-rank percentile (an observed value, not an interpolation). */
export const median = (values: readonly number[]): number | undefined => percentile(values, 50);

export function mean(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/** Minutes between two ISO instants. */
export const minutesBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 60_000;

/** Rounds to two decimals for reports (so JSON and CSV show the same figures). */
export const round2 = (n: number | undefined): number | undefined =>
  n === undefined ? undefined : Math.round(n * 100) / 100;
