import type { AuditEvent } from '../audit-chain';
import { TOPICS, CASE_TYPES, type Case } from '../case';
import { REPORT_LANGUAGES, reportLanguage } from './aggregates';
import { median, minutesBetween, percentile, round2 } from './percentile';
import { AGENT_REPLIED, type AgentRepliedData } from './reply-event';

/** One case with its audit events, as the report reads them. */
export interface CaseRecord {
  readonly case: Case;
  readonly events: readonly AuditEvent[];
}

export interface ComplianceFigures {
  /** Responses sent by their deadline. */
  readonly met: number;
  /** Responses sent after their deadline. */
  readonly late: number;
  /** Responses still owed whose deadline has passed (breaches in progress). */
  readonly overdue: number;
  /** met / (met + late + overdue); undefined when nothing was due. */
  readonly compliance?: number;
  readonly medianMinutes?: number;
  readonly p90Minutes?: number;
}

export interface SlaFigures {
  readonly cases: number;
  readonly firstResponse: ComplianceFigures;
  /** Next responses after a customer's reply (the "update" promise). */
  readonly updates: ComplianceFigures;
  readonly resolution: {
    readonly resolved: number;
    readonly late: number;
    readonly medianMinutes?: number;
    readonly p90Minutes?: number;
  };
  readonly escalations: number;
  /** late + overdue responses + late resolutions. */
  readonly breaches: number;
}

export interface SlaReport {
  readonly from: string;
  readonly to: string;
  readonly generatedAt: string;
  readonly overall: SlaFigures;
  readonly byType: Readonly<Record<string, SlaFigures>>;
  readonly byTopic: Readonly<Record<string, SlaFigures>>;
  /** By the case's language as intake detected it: the languages we write mail in, and `other`. */
  readonly byLanguage: Readonly<Record<string, SlaFigures>>;
}

interface Tally {
  cases: number;
  first: { met: number; late: number; overdue: number; times: number[] };
  updates: { met: number; late: number; overdue: number; times: number[] };
  resolution: { resolved: number; late: number; times: number[] };
  escalations: number;
}

const emptyTally = (): Tally => ({
  cases: 0,
  first: { met: 0, late: 0, overdue: 0, times: [] },
  updates: { met: 0, late: 0, overdue: 0, times: [] },
  resolution: { resolved: 0, late: 0, times: [] },
  escalations: 0,
});

function add(t: Tally, r: CaseRecord, now: Date): void {
  const c = r.case;
  t.cases += 1;
  for (const e of r.events) {
    if (e.type === 'escalated' || e.type === 'deadline_escalated') t.escalations += 1;
    if (e.type !== AGENT_REPLIED) continue;
    const d = e.data as Partial<AgentRepliedData>;
    const bucket = d.firstResponse ? t.first : d.owed ? t.updates : undefined;
    if (!bucket) continue;
    if (d.owed) {
      if (d.owed.met) bucket.met++;
      else bucket.late++;
    }
    if (typeof d.waitedMinutes === 'number') bucket.times.push(d.waitedMinutes);
  }
  // A response still owed whose deadline has passed is a breach now, even though no reply records it yet.
  const passed = (kind: 'first_response' | 'next_response'): boolean => {
    const due = c.deadlines[kind]?.dueAt;
    return due !== undefined && Date.parse(due) <= now.getTime();
  };
  if (!c.firstResponseAt && passed('first_response')) t.first.overdue += 1;
  if (passed('next_response')) t.updates.overdue += 1;
  if (c.resolvedAt) {
    t.resolution.resolved += 1;
    t.resolution.times.push(minutesBetween(c.createdAt, c.resolvedAt));
    if (c.estimatedResolutionAt && c.resolvedAt > c.estimatedResolutionAt) t.resolution.late += 1;
  }
}

function compliance(b: Tally['first']): ComplianceFigures {
  const due = b.met + b.late + b.overdue;
  return {
    met: b.met,
    late: b.late,
    overdue: b.overdue,
    ...(due > 0 ? { compliance: round2(b.met / due)! } : {}),
    ...(b.times.length
      ? { medianMinutes: round2(median(b.times))!, p90Minutes: round2(percentile(b.times, 90))! }
      : {}),
  };
}

function figures(t: Tally): SlaFigures {
  const r = t.resolution;
  return {
    cases: t.cases,
    firstResponse: compliance(t.first),
    updates: compliance(t.updates),
    resolution: {
      resolved: r.resolved,
      late: r.late,
      ...(r.times.length
        ? { medianMinutes: round2(median(r.times))!, p90Minutes: round2(percentile(r.times, 90))! }
        : {}),
    },
    escalations: t.escalations,
    breaches: t.first.late + t.first.overdue + t.updates.late + t.updates.overdue + r.late,
  };
}

/**
 * SLA compliance over the cases received in [from, to): first-response and update (next response)
 * compliance, breaches, median and p90 times, overall and by type, topic and language. Pure: the caller loads the
 * cases and their events.
 */
export function slaReport(records: readonly CaseRecord[], range: { from: string; to: string }, now: Date): SlaReport {
  const overall = emptyTally();
  const byType = new Map<string, Tally>(CASE_TYPES.map((k) => [k, emptyTally()]));
  const byTopic = new Map<string, Tally>(TOPICS.map((k) => [k, emptyTally()]));
  const byLanguage = new Map<string, Tally>(REPORT_LANGUAGES.map((k) => [k, emptyTally()]));
  const tallyOf = (m: Map<string, Tally>, k: string): Tally => m.get(k) ?? m.set(k, emptyTally()).get(k)!;
  for (const r of records) {
    add(overall, r, now);
    add(tallyOf(byType, r.case.type), r, now);
    add(tallyOf(byTopic, r.case.topic), r, now);
    add(tallyOf(byLanguage, reportLanguage(r.case.language)), r, now);
  }
  const obj = (m: Map<string, Tally>) => Object.fromEntries([...m].map(([k, v]) => [k, figures(v)]));
  return {
    from: range.from,
    to: range.to,
    generatedAt: now.toISOString(),
    overall: figures(overall),
    byType: obj(byType),
    byTopic: obj(byTopic),
    byLanguage: obj(byLanguage),
  };
}
