import { CASE_TYPES, OUTCOMES, TOPICS } from '../case';
import { addCounters, histogram, histogramPercentile, overdue, REPORT_LANGUAGES, type Counters } from './aggregates';
import { round2 } from './percentile';
import type { Quarter } from './quarter';
import type { QuarterlyReport, Split } from './quarterly-report';
import type { ComplianceFigures, SlaFigures, SlaReport } from './sla-report';

/**
 * Summed counters of one aggregate group over a range of UTC days (inclusive), over all shards; with
 * `only`, just those counters need be read (a source may still return others).
 */
export type SumAggregates = (
  cohort: 'C' | 'R' | 'G',
  group: string,
  fromDay: string,
  toDay: string,
  only?: readonly string[],
) => Promise<Counters>;

/** One aggregate group's counters for each UTC day of [fromDay, lastDay] that has any (summed over shards). */
export type DailyAggregates = (
  cohort: 'C' | 'R',
  group: string,
  fromDay: string,
  lastDay: string,
  only?: readonly string[],
) => Promise<Readonly<Record<string, Counters>>>;

/** The counters that count cases received, by type (all the quarterly tabulation and backlog read of a created-day item). */
export const RECEIVED_COUNTERS: readonly string[] = CASE_TYPES.map((t) => `received_${t}`);
/** The counters that count cases ended, by type. */
export const ENDED_COUNTERS: readonly string[] = CASE_TYPES.map((t) => `ended_${t}`);
/** The open-case gauge's counters, by type. */
export const OPEN_COUNTERS: readonly string[] = CASE_TYPES.map((t) => `open_${t}`);

/** Channels and customer kinds the tabulation always lists (others appear when counted). */
const CHANNELS = ['email'] as const;
const CUSTOMER_KINDS = ['individual', 'business'] as const;
/** Every dated aggregate group a case can write to (what compaction walks; see aggregates.ts). */
export const DATED_AGGREGATE_GROUPS: ReadonlyArray<{ readonly cohort: 'C' | 'R'; readonly group: string }> = [
  ...CASE_TYPES.map((t) => `type:${t}`),
  ...TOPICS.map((t) => `topic:${t}`),
  ...REPORT_LANGUAGES.map((l) => `lang:${l}`),
  ...CHANNELS.map((c) => `channel:${c}`),
  ...CUSTOMER_KINDS.map((k) => `kind:${k}`),
]
  .map((group): { cohort: 'C' | 'R'; group: string } => ({ cohort: 'C', group }))
  .concat([{ cohort: 'R', group: 'all' }]);

/** The day after every real one: "from this day on" ranges end here. */
export const LAST_DAY = '9999-12-31';

/** The counter families of the SLA figures that hold one counter per bucket or due minute. */
const SLA_FAMILIES = ['fr_t_', 'up_t_', 'res_t_', 'fr_due_', 'up_due_'] as const;
type SlaFamily = (typeof SLA_FAMILIES)[number];

/**
 * A group's summed counters sorted into the families above in one pass (the other counters are read by
 * name). A group summed over a quarter holds some thousands of buckets and due minutes; each family's
 * figure scanning all of them again cost more than the sums.
 */
function families(c: Readonly<Counters>): Record<SlaFamily, Counters> {
  const out = { fr_t_: {}, up_t_: {}, res_t_: {}, fr_due_: {}, up_due_: {} } as Record<SlaFamily, Counters>;
  for (const k in c) {
    const family = SLA_FAMILIES.find((f) => k.startsWith(f));
    if (family) out[family][k] = c[k]!;
  }
  return out;
}

function compliance(
  c: Readonly<Counters>,
  f: Record<SlaFamily, Counters>,
  p: 'fr' | 'up',
  now: Date,
): ComplianceFigures {
  const met = c[`${p}_met`] ?? 0;
  const late = c[`${p}_late`] ?? 0;
  const owed = overdue(f[`${p}_due_`], `${p}_due_`, now);
  const h = histogram(f[`${p}_t_`], `${p}_t_`);
  const due = met + late + owed;
  return {
    met,
    late,
    overdue: owed,
    ...(due > 0 ? { compliance: round2(met / due)! } : {}),
    ...(h.length ? { medianMinutes: histogramPercentile(h, 50)!, p90Minutes: histogramPercentile(h, 90)! } : {}),
  };
}

/** The SLA figures of one group's summed counters (the same fields as the full recount's). */
export function slaFigures(c: Readonly<Counters>, now: Date): SlaFigures {
  const f = families(c);
  const firstResponse = compliance(c, f, 'fr', now);
  const updates = compliance(c, f, 'up', now);
  const h = histogram(f.res_t_, 'res_t_');
  const resolution = {
    resolved: c.res_n ?? 0,
    late: c.res_late ?? 0,
    ...(h.length ? { medianMinutes: histogramPercentile(h, 50)!, p90Minutes: histogramPercentile(h, 90)! } : {}),
  };
  return {
    cases: CASE_TYPES.reduce((s, t) => s + (c[`received_${t}`] ?? 0), 0),
    firstResponse,
    updates,
    resolution,
    escalations: c.esc ?? 0,
    breaches: firstResponse.late + firstResponse.overdue + updates.late + updates.overdue + resolution.late,
  };
}

/** The whole UTC days a range covers: `from` rounded down to its day, `to` rounded up. */
export function wholeDays(range: { from: string; to: string }): {
  fromDay: string;
  lastDay: string;
  from: string;
  to: string;
} {
  const day = 86_400_000;
  const start = Math.floor(Date.parse(range.from) / day) * day;
  const end = Math.ceil(Date.parse(range.to) / day) * day;
  return {
    fromDay: new Date(start).toISOString().slice(0, 10),
    lastDay: new Date(end - day).toISOString().slice(0, 10),
    from: new Date(start).toISOString(),
    to: new Date(end).toISOString(),
  };
}

/**
 * SLA compliance over the cases received on the whole UTC days of [from, to), from the created-cohort
 * aggregates: 2 + 8 + 13 groups (types, topics, languages) read over the days, however many cases they hold.
 */
export async function slaReportFromAggregates(
  sum: SumAggregates,
  range: { from: string; to: string },
  now: Date,
): Promise<SlaReport> {
  const days = wholeDays(range);
  const read = (g: string) => sum('C', g, days.fromDay, days.lastDay);
  const [types, topics, languages] = await Promise.all([
    Promise.all(CASE_TYPES.map((t) => read(`type:${t}`))),
    Promise.all(TOPICS.map((t) => read(`topic:${t}`))),
    Promise.all(REPORT_LANGUAGES.map((l) => read(`lang:${l}`))),
  ]);
  const overall = types.reduce((a, c) => addCounters(a, c), {} as Counters);
  return {
    from: days.from,
    to: days.to,
    generatedAt: now.toISOString(),
    overall: slaFigures(overall, now),
    byType: Object.fromEntries(CASE_TYPES.map((t, i) => [t, slaFigures(types[i]!, now)])),
    byTopic: Object.fromEntries(TOPICS.map((t, i) => [t, slaFigures(topics[i]!, now)])),
    byLanguage: Object.fromEntries(REPORT_LANGUAGES.map((l, i) => [l, slaFigures(languages[i]!, now)])),
  };
}

const splitOf = (c: Readonly<Counters>, prefix: string): Split => {
  const request = c[`${prefix}_request`] ?? 0;
  const complaint = c[`${prefix}_complaint`] ?? 0;
  return { request, complaint, total: request + complaint };
};

/**
 * The quarterly tabulation from aggregates: received (created cohort of the quarter's days), resolution,
 * outcomes and satisfaction (resolved cohort), and open at quarter end = open now + ended since the
 * quarter's end - received since then. Reads O(days in the quarter + days since its end) items.
 */
export async function quarterlyReportFromAggregates(
  sum: SumAggregates,
  q: Quarter,
  now: Date,
): Promise<QuarterlyReport> {
  const first = q.from.slice(0, 10);
  const last = new Date(Date.parse(q.to) - 86_400_000).toISOString().slice(0, 10);
  const after = q.to.slice(0, 10);
  // The created-day items carry the SLA histograms too: the tabulation reads only their received counts.
  const inQuarter = (g: string) => sum('C', g, first, last, RECEIVED_COUNTERS);
  const [types, channels, topics, kinds, resolved, typesAfter, endedAfter, gauge] = await Promise.all([
    Promise.all(CASE_TYPES.map((t) => inQuarter(`type:${t}`))),
    Promise.all(CHANNELS.map((c) => inQuarter(`channel:${c}`))),
    Promise.all(TOPICS.map((t) => inQuarter(`topic:${t}`))),
    Promise.all(CUSTOMER_KINDS.map((k) => inQuarter(`kind:${k}`))),
    // Whole: the resolution histogram's buckets are not known by name before they are read.
    sum('R', 'all', first, last),
    Promise.all(CASE_TYPES.map((t) => sum('C', `type:${t}`, after, LAST_DAY, RECEIVED_COUNTERS))),
    sum('R', 'all', after, LAST_DAY, ENDED_COUNTERS),
    sum('G', 'open', '-', '-', OPEN_COUNTERS),
  ]);
  const received = (cs: readonly Counters[], names: readonly string[]) =>
    Object.fromEntries(names.map((n, i) => [n, splitOf(cs[i]!, 'received')]));
  const receivedAfter = typesAfter.reduce((a, c) => addCounters(a, c), {} as Counters);
  const open = (t: string) =>
    (gauge[`open_${t}`] ?? 0) + (endedAfter[`ended_${t}`] ?? 0) - (receivedAfter[`received_${t}`] ?? 0);
  const resolvedN = resolved.res_n ?? 0;
  const h = histogram(resolved, 'res_t_');
  const distribution: Record<string, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const [k, n] of Object.entries(resolved)) if (k.startsWith('sat_') && n) distribution[k.slice(4)] = n;
  const scores = Object.entries(distribution).reduce((s, [, n]) => s + n, 0);
  const scoreSum = Object.entries(distribution).reduce((s, [k, n]) => s + Number(k) * n, 0);
  const openSplit = { request: open('request'), complaint: open('complaint') };
  return {
    quarter: q.label,
    from: q.from,
    to: q.to,
    generatedAt: now.toISOString(),
    received: {
      all: splitOf(
        types.reduce((a, c) => addCounters(a, c), {} as Counters),
        'received',
      ),
      byChannel: received(channels, CHANNELS),
      byTopic: received(topics, TOPICS),
      byCustomerKind: received(kinds, CUSTOMER_KINDS),
    },
    resolution: {
      resolved: resolvedN,
      ...(resolvedN
        ? {
            averageHours: round2((resolved.res_ms ?? 0) / resolvedN / 3_600_000)!,
            p90Hours: round2(histogramPercentile(h, 90)! / 60)!,
          }
        : {}),
    },
    outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, splitOf(resolved, `out_${o}`)])),
    satisfaction: {
      responses: scores,
      ...(scores ? { average: round2(scoreSum / scores)! } : {}),
      distribution,
    },
    openAtQuarterEnd: { ...openSplit, total: openSplit.request + openSplit.complaint },
  };
}
