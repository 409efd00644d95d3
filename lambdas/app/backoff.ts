/**
 * The pause before try `attempt + 1` (attempt counts from 1): doubling from `baseMs`, at most `capMs`,
 * with "equal jitter" (half fixed, half random) so callers that failed together do not retry together.
 * `jitter` is in [0, 1) (the container's `Ids.fraction`).
 */
export function backoffMs(attempt: number, jitter: number, baseMs: number, capMs = 5_000): number {
  return Math.min(capMs, baseMs * 2 ** (attempt - 1)) * (0.5 + jitter / 2);
}
