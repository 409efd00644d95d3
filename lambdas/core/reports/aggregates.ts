import type { AuditEvent } from '../audit-chain';
import type { Case } from '../case';
import { SUPPORTED_LANGUAGES } from '../templates/languages';
import { AGENT_REPLIED, type AgentRepliedData } from './reply-event';

/**
 * Report counters maintained as cases change (docs/adr/0008-report-aggregates-in-the-case-transaction.md).
 *
 * A case contributes counters to a few small aggregate items, each named `<cohort>#<group>#<day>`:
 * - `C` (created cohort, the UTC day the case was received): `received_<type>` in the groups `type:`,
 *   `topic:`, `channel:`, `kind:` and `lang:`; the SLA tallies (replies met or late, waiting-time
 *   histograms, escalations, owed responses by due minute, resolutions) in `type:`, `topic:` and `lang:`.
 * - `R` (the UTC day the case was resolved, or ended): resolutions, outcomes, satisfaction, ends.
 * - `G#open#-`: cases not yet ended, by type (a gauge; open at an instant in the past is derived from it).
 *
 * Every commit adds `contribution(next) - contribution(previous)` in the same transaction as the case, so
 * the counters are exactly what a full recount of the stored cases would give.
 */
export type Counters = Record<string, number>;
/** Counters to add, per aggregate item key. Negative numbers take back what an earlier version contributed. */
export type AggregateDelta = Readonly<Record<string, Readonly<Counters>>>;

export type Cohort = 'C' | 'R' | 'G';
export const aggregateKey = (cohort: Cohort, group: string, day: string): string => `${cohort}#${group}#${day}`;
export const OPEN_GAUGE = { cohort: 'G', group: 'open', day: '-' } as const;

/** The UTC day of an ISO instant. */
export const utcDay = (iso: string): string => iso.slice(0, 10);

/**
 * Waiting and resolution times are kept as histograms: whole minutes up to 100 minutes, then three
 * significant figures (under 1 % apart), each bucket named by its upper bound. A percentile read from
 * the histogram is the bucket of the nearest-rank value of the raw times (bucketing keeps the order), so
 * it is exact to the minute where most first responses fall and within 1 % beyond.
 */
export function timeBucket(minutes: number): number {
  if (!(minutes > 0)) return 0;
  if (minutes <= 100) return Math.ceil(minutes);
  const step = 10 ** (Math.floor(Math.log10(minutes)) - 2);
  return Math.ceil(minutes / step - 1e-9) * step;
}

/** An owed response is counted by the minute it falls due (rounded up): it is overdue once that minute has passed. */
export function dueMinute(iso: string): string {
  const ms = Date.parse(iso);
  const up = new Date(Math.ceil(ms / 60_000) * 60_000).toISOString();
  return up.slice(0, 16).replace(/[-:T]/g, '');
}

class Acc {
  readonly items = new Map<string, Map<string, number>>();
  add(key: string, counter: string, n: number): void {
    const item = this.items.get(key) ?? this.items.set(key, new Map()).get(key)!;
    item.set(counter, (item.get(counter) ?? 0) + n);
  }
}

/** Language groups reports list: the languages we write mail in, then `other` for any other code intake detected. */
export const REPORT_LANGUAGES: readonly string[] = [...SUPPORTED_LANGUAGES, 'other'];

/**
 * The report language of a case: its ISO 639-1 code when we write mail in it, else `other`. Intake's
 * detector knows dozens of languages; folding the rest keeps a report's reads to 13 groups a day.
 */
export function reportLanguage(language: string): string {
  const primary = language.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(primary) ? primary : 'other';
}

const slaGroups = (c: Case): string[] => [`type:${c.type}`, `topic:${c.topic}`, `lang:${reportLanguage(c.language)}`];

/** What the case's current state contributes (everything but its audit events). */
function addState(acc: Acc, c: Case, sign: 1 | -1): void {
  const day = utcDay(c.createdAt);
  for (const g of [...slaGroups(c), `channel:${c.channel}`, `kind:${c.customer.kind}`]) {
    acc.add(aggregateKey('C', g, day), `received_${c.type}`, sign);
  }
  for (const g of slaGroups(c)) {
    const key = aggregateKey('C', g, day);
    const first = c.deadlines.first_response;
    if (!c.firstResponseAt && first) acc.add(key, `fr_due_${dueMinute(first.dueAt)}`, sign);
    const next = c.deadlines.next_response;
    if (next) acc.add(key, `up_due_${dueMinute(next.dueAt)}`, sign);
    if (c.resolvedAt) {
      acc.add(key, 'res_n', sign);
      acc.add(key, `res_t_${timeBucket(minutes(c.createdAt, c.resolvedAt))}`, sign);
      if (c.estimatedResolutionAt && c.resolvedAt > c.estimatedResolutionAt) acc.add(key, 'res_late', sign);
    }
  }
  if (c.resolvedAt) {
    const key = aggregateKey('R', 'all', utcDay(c.resolvedAt));
    acc.add(key, 'res_n', sign);
    acc.add(key, 'res_ms', sign * (Date.parse(c.resolvedAt) - Date.parse(c.createdAt)));
    acc.add(key, `res_t_${timeBucket(minutes(c.createdAt, c.resolvedAt))}`, sign);
    if (c.resolution) acc.add(key, `out_${c.resolution.outcome}_${c.type}`, sign);
    if (typeof c.satisfaction === 'number') acc.add(key, `sat_${c.satisfaction}`, sign);
  }
  const endedAt = c.resolvedAt ?? c.closedAt;
  if (endedAt) acc.add(aggregateKey('R', 'all', utcDay(endedAt)), `ended_${c.type}`, sign);
  else acc.add(aggregateKey(OPEN_GAUGE.cohort, OPEN_GAUGE.group, OPEN_GAUGE.day), `open_${c.type}`, sign);
}

/** What audit events contribute: replies met or late with the customer's wait, and escalations. */
function addEvents(acc: Acc, c: Case, events: readonly AuditEvent[], sign: 1 | -1): void {
  const keys = slaGroups(c).map((g) => aggregateKey('C', g, utcDay(c.createdAt)));
  for (const e of events) {
    const counters: string[] = [];
    if (e.type === 'escalated' || e.type === 'deadline_escalated') counters.push('esc');
    if (e.type === AGENT_REPLIED) {
      const d = e.data as Partial<AgentRepliedData>;
      const p = d.firstResponse ? 'fr' : d.owed ? 'up' : undefined;
      if (p) {
        if (d.owed) counters.push(d.owed.met ? `${p}_met` : `${p}_late`);
        if (typeof d.waitedMinutes === 'number') counters.push(`${p}_t_${timeBucket(d.waitedMinutes)}`);
      }
    }
    for (const key of keys) for (const k of counters) acc.add(key, k, sign);
  }
}

const minutes = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 60_000;

/**
 * Whether moving from `previous` to `next` moves the case to other SLA groups (type, topic, report
 * language or day received): then its past audit events' tallies move too, and `aggregateDelta` needs them.
 */
export function regroups(previous: Case | undefined, next: Case): boolean {
  return (
    previous !== undefined &&
    (previous.type !== next.type ||
      previous.topic !== next.topic ||
      reportLanguage(previous.language) !== reportLanguage(next.language) ||
      utcDay(previous.createdAt) !== utcDay(next.createdAt))
  );
}

/**
 * The counters one commit adds: `next`'s contribution minus `previous`'s (undefined for a new case),
 * plus the new events'. When the commit `regroups` the case, `pastEvents` (every event before this
 * commit) must be given. Zero counters are left out.
 */
export function aggregateDelta(
  previous: Case | undefined,
  next: Case,
  newEvents: readonly AuditEvent[],
  pastEvents?: readonly AuditEvent[],
): AggregateDelta {
  const acc = new Acc();
  if (previous) addState(acc, previous, -1);
  addState(acc, next, 1);
  if (regroups(previous, next)) {
    if (!pastEvents) throw new Error(`case ${next.tracking} changes report groups: its past events are needed`);
    addEvents(acc, previous!, pastEvents, -1);
    addEvents(acc, next, pastEvents, 1);
  }
  addEvents(acc, next, newEvents, 1);
  const out: Record<string, Counters> = {};
  for (const [key, counters] of acc.items) {
    const nonZero = [...counters].filter(([, n]) => n !== 0);
    if (nonZero.length) out[key] = Object.fromEntries(nonZero);
  }
  return out;
}

/** Adds `b` into `a` (for summing items over days and shards). */
export function addCounters(a: Counters, b: Readonly<Counters>): Counters {
  for (const [k, n] of Object.entries(b)) a[k] = (a[k] ?? 0) + n;
  return a;
}

/** The histogram under `prefix` (`fr_t_`, `res_t_`, ...) as (bucket, count) pairs, smallest first. */
export function histogram(c: Readonly<Counters>, prefix: string): Array<[number, number]> {
  return Object.entries(c)
    .filter(([k, n]) => k.startsWith(prefix) && n > 0)
    .map(([k, n]): [number, number] => [Number(k.slice(prefix.length)), n])
    .sort((x, y) => x[0] - y[0]);
}

/** Nearest-rank percentile of a histogram (the same rule as `percentile` on the raw values). */
export function histogramPercentile(h: ReadonlyArray<readonly [number, number]>, p: number): number | undefined {
  const total = h.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const [bucket, n] of h) {
    seen += n;
    if (seen >= rank) return bucket;
  }
  return h[h.length - 1]![0];
}

/** Owed responses (`fr_due_` / `up_due_`) whose due minute is at or before `now`. */
export function overdue(c: Readonly<Counters>, prefix: string, now: Date): number {
  const limit = new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString().slice(0, 16).replace(/[-:T]/g, '');
  let n = 0;
  for (const [k, v] of Object.entries(c)) if (k.startsWith(prefix) && k.slice(prefix.length) <= limit) n += v;
  return n;
}
