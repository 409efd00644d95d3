import { CASE_TYPES } from '../case';
import {
  ENDED_COUNTERS,
  LAST_DAY,
  OPEN_COUNTERS,
  RECEIVED_COUNTERS,
  wholeDays,
  type DailyAggregates,
  type SumAggregates,
} from './aggregate-reports';
import { addCounters, utcDay, type Counters } from './aggregates';

const DAY_MS = 86_400_000;

/** One UTC day of the backlog. */
export interface BacklogDay {
  /** The UTC day, `YYYY-MM-DD`. */
  readonly day: string;
  /** Cases received that day. */
  readonly received: number;
  /** Cases resolved that day (an outcome given). */
  readonly resolved: number;
  /** Cases that ended that day: resolved, or closed without a resolution. */
  readonly ended: number;
  /** Cases received by the day's end and not ended by then. */
  readonly open: number;
}

export interface BacklogReport {
  readonly from: string;
  readonly to: string;
  readonly generatedAt: string;
  /** Oldest first, one entry per day of the range up to today. */
  readonly days: readonly BacklogDay[];
}

const receivedOf = (c: Readonly<Counters> | undefined): number =>
  CASE_TYPES.reduce((s, t) => s + (c?.[`received_${t}`] ?? 0), 0);
const endedOf = (c: Readonly<Counters> | undefined): number =>
  CASE_TYPES.reduce((s, t) => s + (c?.[`ended_${t}`] ?? 0), 0);

/**
 * The backlog on each whole UTC day of [from, to), up to today: received, resolved and ended that day
 * and open at its end. Open at the end of the last day = open now + ended since - received since (as the
 * quarterly report's open at quarter end), then each earlier day's from the next one's: open(d - 1) =
 * open(d) - received(d) + ended(d). The figures follow the cases' current state: a case reopened since
 * counts as open on the days it was resolved. Reads O(days in the range + days since its end) items.
 */
export async function backlogFromAggregates(
  daily: DailyAggregates,
  sum: SumAggregates,
  range: { from: string; to: string },
  now: Date,
): Promise<BacklogReport> {
  const whole = wholeDays(range);
  const today = utcDay(now.toISOString());
  const lastDay = whole.lastDay < today ? whole.lastDay : today;
  const after = new Date(Date.parse(lastDay) + DAY_MS).toISOString().slice(0, 10);
  // Only the counts it shows: the items beside them carry the SLA histograms.
  const [receivedDaily, endedDaily, receivedAfter, endedAfter, gauge] = await Promise.all([
    Promise.all(CASE_TYPES.map((t) => daily('C', `type:${t}`, whole.fromDay, lastDay, RECEIVED_COUNTERS))),
    daily('R', 'all', whole.fromDay, lastDay, [...ENDED_COUNTERS, 'res_n']),
    Promise.all(CASE_TYPES.map((t) => sum('C', `type:${t}`, after, LAST_DAY, RECEIVED_COUNTERS))),
    sum('R', 'all', after, LAST_DAY, ENDED_COUNTERS),
    sum('G', 'open', '-', '-', OPEN_COUNTERS),
  ]);
  const openNow = CASE_TYPES.reduce((s, t) => s + (gauge[`open_${t}`] ?? 0), 0);
  let open = openNow + endedOf(endedAfter) - receivedOf(receivedAfter.reduce((a, c) => addCounters(a, c), {}));
  const days: BacklogDay[] = [];
  for (let d = Date.parse(lastDay); d >= Date.parse(whole.fromDay); d -= DAY_MS) {
    const day = new Date(d).toISOString().slice(0, 10);
    const received = receivedDaily.reduce((s, c) => s + receivedOf(c[day]), 0);
    const r = endedDaily[day];
    const ended = endedOf(r);
    days.push({ day, received, resolved: r?.res_n ?? 0, ended, open });
    open = open - received + ended;
  }
  return {
    from: whole.from,
    to: days.length ? new Date(Date.parse(lastDay) + DAY_MS).toISOString() : whole.from,
    generatedAt: now.toISOString(),
    days: days.reverse(),
  };
}
