import { CASE_TYPES, OUTCOMES, TOPICS, type Case } from '../case';
import { mean, minutesBetween, percentile, round2 } from './percentile';
import type { Quarter } from './quarter';

/** Requests and complaints side by side, as the regulator's tabulation counts them apart. */
export interface Split {
  readonly request: number;
  readonly complaint: number;
  readonly total: number;
}

export interface QuarterlyReport {
  readonly quarter: string;
  readonly from: string;
  readonly to: string;
  readonly generatedAt: string;
  readonly received: {
    readonly all: Split;
    readonly byChannel: Readonly<Record<string, Split>>;
    readonly byTopic: Readonly<Record<string, Split>>;
    readonly byCustomerKind: Readonly<Record<string, Split>>;
  };
  /** Receipt to resolution, for cases resolved within the quarter. */
  readonly resolution: { readonly resolved: number; readonly averageHours?: number; readonly p90Hours?: number };
  readonly outcomes: Readonly<Record<string, Split>>;
  readonly satisfaction: {
    readonly responses: number;
    readonly average?: number;
    readonly distribution: Readonly<Record<string, number>>;
  };
  readonly openAtQuarterEnd: Split;
}

const split = (): { request: number; complaint: number; total: number } => ({ request: 0, complaint: 0, total: 0 });
function count(s: { request: number; complaint: number; total: number }, c: Case): void {
  if (c.type === 'complaint') s.complaint += 1;
  else s.request += 1;
  s.total += 1;
}
function bucket(m: Record<string, ReturnType<typeof split>>, key: string) {
  return (m[key] ??= split());
}

const inRange = (at: string | undefined, q: Quarter): boolean => at !== undefined && at >= q.from && at < q.to;

/**
 * The regulator's quarterly tabulation (DFS customer-service guidance): requests and complaints received
 * by channel, topic and customer kind; time from receipt to resolution (average and p90); outcomes;
 * satisfaction; and what was still open at quarter end. `cases` must include every case created before
 * the quarter's end (older open cases count as open at quarter end). Pure.
 */
export function quarterlyReport(cases: readonly Case[], q: Quarter, now: Date): QuarterlyReport {
  const all = split();
  const byChannel: Record<string, ReturnType<typeof split>> = { email: split() };
  const byTopic: Record<string, ReturnType<typeof split>> = Object.fromEntries(TOPICS.map((t) => [t, split()]));
  const byCustomerKind: Record<string, ReturnType<typeof split>> = { individual: split(), business: split() };
  const outcomes: Record<string, ReturnType<typeof split>> = Object.fromEntries(OUTCOMES.map((o) => [o, split()]));
  const open = split();
  const hours: number[] = [];
  const scores: number[] = [];
  for (const c of cases) {
    if (c.createdAt >= q.to) continue;
    if (inRange(c.createdAt, q)) {
      count(all, c);
      count(bucket(byChannel, c.channel), c);
      count(bucket(byTopic, c.topic), c);
      count(bucket(byCustomerKind, c.customer.kind), c);
    }
    if (inRange(c.resolvedAt, q)) {
      hours.push(minutesBetween(c.createdAt, c.resolvedAt!) / 60);
      if (c.resolution) count(bucket(outcomes, c.resolution.outcome), c);
      if (typeof c.satisfaction === 'number') scores.push(c.satisfaction);
    }
    // Open at quarter end: received by then and not resolved (or closed) by then.
    const endedAt = c.resolvedAt ?? c.closedAt;
    if (endedAt === undefined || endedAt >= q.to) count(open, c);
  }
  const distribution: Record<string, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const s of scores) distribution[String(s)] = (distribution[String(s)] ?? 0) + 1;
  return {
    quarter: q.label,
    from: q.from,
    to: q.to,
    generatedAt: now.toISOString(),
    received: { all, byChannel, byTopic, byCustomerKind },
    resolution: {
      resolved: hours.length,
      ...(hours.length ? { averageHours: round2(mean(hours))!, p90Hours: round2(percentile(hours, 90))! } : {}),
    },
    outcomes,
    satisfaction: {
      responses: scores.length,
      ...(scores.length ? { average: round2(mean(scores))! } : {}),
      distribution,
    },
    openAtQuarterEnd: open,
  };
}

/** Types in the order the tabulation lists them. */
export const REPORT_TYPES = CASE_TYPES;
