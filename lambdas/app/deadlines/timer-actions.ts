import {
  assertTransition,
  type Case,
  type Deadline,
  type DeadlineKind,
  PRIORITIES,
  type Priority,
} from '../../core/case';
import type { PlannedDeadline } from '../../core/sla/plan-deadlines';
import type { DeadlineTrigger, OutboundRequest } from '../deps';
import { isReportedKind, RESOLUTION_BREACHED_FLAG, type ReportedKind } from './sla-outcomes';

/** What a due timer did; the handler turns it into metrics. */
export type TimerAction =
  'reminder_sent' | 'escalated' | 'status_update_queued' | 'auto_closed' | 'escalation_followup';

export interface EventSpec {
  readonly at: string;
  readonly actor: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/** A due deadline's effect on its case, decided without I/O; the caller plans, commits and sends. */
export interface TimerDecision {
  readonly action: TimerAction;
  /** The case with this action's own changes (priority, status, flags); version, events and deadlines still old. */
  readonly case: Case;
  readonly events: readonly EventSpec[];
  readonly trigger: DeadlineTrigger;
  readonly outbound?: OutboundRequest;
  /** The promise this timer found broken (counted for the SLA report, alarmed on). */
  readonly breached?: ReportedKind;
  /** True when a supervisor must look (escalation or its follow-up): the handler emits the alarm metric. */
  readonly supervisorNotified: boolean;
}

/** Flag shown to agents and used by the status-update template ("escalated" progress stage). */
export const ESCALATED_FLAG = 'escalated';

/** One step up the priority ladder (low -> normal -> high -> urgent), capped at urgent. */
export function raisePriority(p: Priority): Priority {
  return PRIORITIES[Math.min(PRIORITIES.indexOf(p) + 1, PRIORITIES.length - 1)]!;
}

const withFlags = (flags: readonly string[], add: readonly string[]): string[] => [...new Set([...flags, ...add])];

/**
 * Decides what a due deadline does to its case:
 * - `reminder`: an audit event to the assignee, or the team queue when nobody is assigned;
 * - `first_response` / `next_response` / `resolution`: breach, so escalate: priority one step up, the
 *   `escalated` flag, events `sla_breached` and `escalated` (supervisor notified);
 * - `status_update`: a customer status update is queued (23 NYCRR 200 guidance: regular updates on open
 *   inquiries and complaints);
 * - `auto_close`: a pending case closes, with a notice to the customer;
 * - `escalation`: the escalated reply is still owed one reply target later: the supervisor is told again.
 * Throws `IllegalTransitionError` if an auto-close finds a case that may not close (a planner bug, not retried away).
 */
export function decideTimerAction(c: Case, kind: DeadlineKind, deadline: Deadline, now: Date): TimerDecision {
  const at = now.toISOString();
  const ref = (deadline as PlannedDeadline).ref;
  if (kind === 'reminder') {
    const about = ref ? c.deadlines[ref] : undefined;
    const recipient = c.assignee ? { kind: 'assignee', to: c.assignee } : { kind: 'team', to: 'team' };
    return {
      action: 'reminder_sent',
      case: c,
      trigger: 'reminder_sent',
      supervisorNotified: false,
      events: [
        {
          at,
          actor: 'system',
          type: 'reminder',
          data: { deadline: ref ?? null, dueAt: about?.dueAt ?? null, recipient },
        },
      ],
    };
  }
  if (isReportedKind(kind)) {
    const to = raisePriority(c.priority);
    const facts = { deadline: kind, dueAt: deadline.dueAt, deadlineId: deadline.id };
    return {
      action: 'escalated',
      trigger: 'escalated',
      breached: kind,
      supervisorNotified: true,
      case: {
        ...c,
        priority: to,
        flags: withFlags(c.flags, [ESCALATED_FLAG, ...(kind === 'resolution' ? [RESOLUTION_BREACHED_FLAG] : [])]),
      },
      events: [
        { at, actor: 'system', type: 'sla_breached', data: facts },
        {
          at,
          actor: 'system',
          type: 'escalated',
          data: { ...facts, priorityFrom: c.priority, priorityTo: to, supervisorNotified: true },
        },
      ],
    };
  }
  if (kind === 'status_update') {
    const outbound: OutboundRequest = {
      tracking: c.tracking,
      purpose: 'status_update',
      purposeKey: `status_update:${deadline.id}`,
      deadlineKind: 'status_update',
    };
    return {
      action: 'status_update_queued',
      case: c,
      trigger: 'status_update_sent',
      outbound,
      supervisorNotified: false,
      events: [
        {
          at,
          actor: 'system',
          type: 'status_update_queued',
          data: { deadlineId: deadline.id, dueAt: deadline.dueAt, purposeKey: outbound.purposeKey },
        },
      ],
    };
  }
  if (kind === 'auto_close') {
    assertTransition(c.status, 'closed');
    return {
      action: 'auto_closed',
      trigger: 'closed',
      supervisorNotified: false,
      case: { ...c, status: 'closed', closedAt: at },
      outbound: { tracking: c.tracking, purpose: 'auto_close', purposeKey: 'auto_close' },
      events: [
        {
          at,
          actor: 'system',
          type: 'status_changed',
          data: { from: c.status, to: 'closed', why: 'auto_close', dueAt: deadline.dueAt },
        },
      ],
    };
  }
  // escalation follow-up: the reply is still owed after another reply target at the raised priority.
  const facts = { deadline: ref ?? null, dueAt: deadline.dueAt, deadlineId: deadline.id, priority: c.priority };
  return {
    action: 'escalation_followup',
    case: c,
    trigger: 'escalated',
    supervisorNotified: true,
    events: [
      { at, actor: 'system', type: 'escalation_followup', data: facts },
      { at, actor: 'system', type: 'supervisor_notified', data: { ...facts, why: 'reply_still_owed' } },
    ],
  };
}
