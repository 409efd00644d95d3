import type { Case, DeadlineKind } from '../../core/case';
import type { CaseRepository } from '../../core/ports';

/** Deadlines the SLA report counts as met or breached (reminders, updates and auto-close are ours, not promises). */
export const REPORTED_KINDS = ['first_response', 'next_response', 'resolution'] as const;
export type ReportedKind = (typeof REPORTED_KINDS)[number];

export interface SlaOutcome {
  readonly kind: ReportedKind;
  readonly outcome: 'met' | 'breached';
  /** The promise that was kept or missed. */
  readonly dueAt: string;
}

/** Flag a case carries once its resolution target breached, so a later resolution is not also counted as met. */
export const RESOLUTION_BREACHED_FLAG = 'sla_breached:resolution';

/**
 * Counter key of the SLA report: `STAT#<met|breach>#<kind>#<YYYY-MM>`, month of the decision in UTC.
 *
 * @example slaStatKey('breached', 'first_response', new Date('2026-03-02T10:00:00Z')) // 'STAT#breach#first_response#2026-03'
 */
export function slaStatKey(outcome: SlaOutcome['outcome'], kind: ReportedKind, at: Date): string {
  return `STAT#${outcome === 'met' ? 'met' : 'breach'}#${kind}#${at.toISOString().slice(0, 7)}`;
}

const wroteToCustomer = (before: Case, after: Case): boolean =>
  after.firstResponseAt !== before.firstResponseAt || after.lastAgentMessageAt !== before.lastAgentMessageAt;

const judge = (kind: ReportedKind, dueAt: string, now: Date): SlaOutcome => ({
  kind,
  dueAt,
  outcome: now.getTime() <= Date.parse(dueAt) ? 'met' : 'breached',
});

/**
 * Which promises a case change kept or missed. Pure; call it with the case before and after any change
 * (the API's agent reply and resolve, the timer handler) and count the result with `recordSlaOutcomes`.
 *
 * When is a deadline met?
 * - `first_response` / `next_response`: the change dropped the deadline because we wrote to the customer
 *   (`firstResponseAt` or `lastAgentMessageAt` moved). Met when that happened at or before `dueAt`; a reply
 *   that came after `dueAt` but before the timer fired is a breach (the timer then finds the deadline gone
 *   and stays silent, so it is counted here, once). A drop without a reply (closed as spam, merged) counts
 *   nothing. Once the timer has escalated a breach, the case holds an `escalation` instead of the response
 *   deadline; the reply that clears it was already counted as breached by the timer and counts nothing more.
 * - `resolution`: the case entered `resolved`; compared with the resolution deadline (or, for a case that
 *   was pending, the estimated resolution date it was told). Not counted again when the timer already
 *   counted its breach (`RESOLUTION_BREACHED_FLAG`). An auto-close is not a resolution and counts nothing.
 */
export function metOrBreached(before: Case, after: Case, now: Date): SlaOutcome[] {
  const out: SlaOutcome[] = [];
  if (wroteToCustomer(before, after)) {
    for (const kind of ['first_response', 'next_response'] as const) {
      const d = before.deadlines[kind];
      if (d && !after.deadlines[kind]) out.push(judge(kind, d.dueAt, now));
    }
  }
  if (after.status === 'resolved' && before.status !== 'resolved' && !before.flags.includes(RESOLUTION_BREACHED_FLAG)) {
    const dueAt = before.deadlines.resolution?.dueAt ?? before.estimatedResolutionAt;
    if (dueAt) out.push(judge('resolution', dueAt, now));
  }
  return out;
}

/** Adds the outcomes to the monthly SLA report counters (`slaStatKey`). */
export async function recordSlaOutcomes(
  repo: Pick<CaseRepository, 'incrementCounter'>,
  outcomes: readonly SlaOutcome[],
  now: Date,
): Promise<void> {
  for (const o of outcomes) await repo.incrementCounter(slaStatKey(o.outcome, o.kind, now));
}

/** True for the deadline kinds whose breach escalates the case. */
export function isReportedKind(kind: DeadlineKind): kind is ReportedKind {
  return (REPORTED_KINDS as readonly string[]).includes(kind);
}
