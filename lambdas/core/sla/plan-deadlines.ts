import { type Case, type Deadline, type DeadlineKind, isOpen, isWaitingOnUs } from '../case';
import { ValidationError } from '../errors';
import { addDuration, subtractDuration } from './business-time';
import type { Calendar } from './calendar';
import type { Duration } from './duration';
import { resolveTargets, type SlaPolicy, type SlaTargets } from './policy';

/** What just happened to the case. The planner derives most deadlines from the case's state. */
export const PLAN_TRIGGERS = [
  'case_opened',
  'customer_replied',
  'agent_replied',
  'status_changed',
  'status_update_sent',
  'escalated',
  'reminder_sent',
  'resolved',
  'closed',
] as const;
export type PlanTrigger = (typeof PLAN_TRIGGERS)[number];

/**
 * A deadline as planned. `ref` names the deadline a `reminder` or `escalation` is about, so the timer
 * handler can say "first response due at ..." without guessing.
 */
export interface PlannedDeadline extends Deadline {
  readonly ref?: DeadlineKind;
}
export type PlannedDeadlines = Readonly<Partial<Record<DeadlineKind, PlannedDeadline>>>;

/** The case fields the planner reads (a whole `Case` fits). */
export type PlanningCase = Pick<
  Case,
  | 'type'
  | 'topic'
  | 'priority'
  | 'status'
  | 'createdAt'
  | 'firstResponseAt'
  | 'lastCustomerMessageAt'
  | 'lastAgentMessageAt'
  | 'estimatedResolutionAt'
> & { readonly deadlines: PlannedDeadlines };

export interface PlanInput {
  /** The case after the change (new status, new priority, reply times already set). */
  readonly case: PlanningCase;
  readonly policy: SlaPolicy;
  readonly trigger: PlanTrigger;
  readonly now: Date;
  /** Fresh deadline ids (`Ids.id` in production). */
  readonly newId: () => string;
}

export interface DeadlinePlan {
  /** The case's new deadlines; an unchanged deadline keeps its id, so its armed timer stays current. */
  readonly deadlines: PlannedDeadlines;
  /** ISO instant the customer is told; absent once the case is resolved or closed. */
  readonly estimatedResolutionAt?: string;
}

type ResponseKind = 'first_response' | 'next_response';

function parseInstant(iso: string, field: string): Date {
  const d = new Date(iso);
  if (!Number.isFinite(d.getTime())) throw new ValidationError(`${field} is not an ISO instant: ${iso}`);
  return d;
}

/** The reply we owe, and when its clock started: none once our reply is newer than the customer's. */
function owedResponse(c: PlanningCase): { kind: ResponseKind; since: Date } | undefined {
  if (c.firstResponseAt === undefined) return { kind: 'first_response', since: parseInstant(c.createdAt, 'createdAt') };
  const customer = c.lastCustomerMessageAt;
  if (customer === undefined) return undefined;
  const agent = c.lastAgentMessageAt ?? c.firstResponseAt;
  if (Date.parse(customer) <= Date.parse(agent)) return undefined;
  return { kind: 'next_response', since: parseInstant(customer, 'lastCustomerMessageAt') };
}

function responseTarget(t: SlaTargets, kind: ResponseKind): Duration {
  return kind === 'first_response' ? t.firstResponse : t.nextResponse;
}

/**
 * The resolution deadline (= the estimated resolution date while the case is waiting on us).
 * While the target (capped by the hard limit) lies ahead it stands. Once missed, the date already told to
 * the customer stands while it lies ahead; else the hard cap; past the cap, a fresh target from now,
 * because the customer must always be given a date in the future.
 */
function resolutionDue(c: PlanningCase, t: SlaTargets, cal: Calendar, now: Date): Date {
  const created = parseInstant(c.createdAt, 'createdAt');
  const target = addDuration(created, t.resolution, cal);
  const cap = t.resolutionHardCap ? addDuration(created, t.resolutionHardCap, cal) : undefined;
  const planned = cap && cap < target ? cap : target;
  if (planned > now) return planned;
  const toldIso = c.deadlines.resolution?.dueAt ?? c.estimatedResolutionAt;
  const told = toldIso === undefined ? undefined : parseInstant(toldIso, 'estimatedResolutionAt');
  if (told && told > now) return told;
  if (cap && cap > now) return cap;
  return addDuration(now, t.resolution, cal);
}

/**
 * Plans a case's deadlines after `trigger`. Pure: same input, same output (ids aside).
 *
 * - Resolved or closed: none.
 * - Pending (waiting on the customer): only `auto_close`, restarted by an agent reply, else kept.
 * - New or open (waiting on us): the owed reply (`first_response` from creation, `next_response` from the
 *   first unanswered customer message; never moved later by a further message or a priority change),
 *   `resolution`, `status_update` (restarted when we write to the customer), and a `reminder` before the
 *   earliest breach that can still be announced in time.
 * - A reply deadline that breached and was escalated (trigger `escalated`) is replaced by an `escalation`
 *   follow-up one reply target later (at the new priority); an agent reply clears it.
 *
 * Deadlines whose kind, due time and ref are unchanged keep their id: a timer armed for an older id is
 * stale and does nothing.
 */
export function planDeadlines(input: PlanInput): DeadlinePlan {
  const { case: c, policy, trigger, now, newId } = input;
  if (!Number.isFinite(now.getTime())) throw new ValidationError('now is not a valid date');
  const cal = policy.calendar;
  const t = resolveTargets(policy, c);
  const current = c.deadlines;
  const out: Partial<Record<DeadlineKind, PlannedDeadline>> = {};

  const put = (kind: DeadlineKind, dueAt: Date, ref?: DeadlineKind): void => {
    const iso = dueAt.toISOString();
    const old = current[kind];
    out[kind] =
      old && old.dueAt === iso && old.ref === ref ? old : { dueAt: iso, id: newId(), ...(ref ? { ref } : {}) };
  };
  const currentDue = (kind: DeadlineKind): Date | undefined => {
    const iso = current[kind]?.dueAt;
    return iso === undefined ? undefined : parseInstant(iso, `deadlines.${kind}.dueAt`);
  };

  if (!isOpen(c.status)) return { deadlines: out };

  const resolution = resolutionDue(c, t, cal, now);

  if (!isWaitingOnUs(c.status)) {
    // Pending: we wait on the customer, so only the auto-close runs; our asking again restarts it.
    const running = currentDue('auto_close');
    put(
      'auto_close',
      running && trigger !== 'agent_replied' ? running : addDuration(now, t.autoClosePendingAfter, cal),
    );
    return { deadlines: out, estimatedResolutionAt: resolution.toISOString() };
  }

  put('resolution', resolution);

  const owed = owedResponse(c);
  if (owed) {
    const derived = addDuration(owed.since, responseTarget(t, owed.kind), cal);
    const running = currentDue(owed.kind);
    const due = running && running < derived ? running : derived;
    const escalation = current.escalation?.ref === owed.kind ? current.escalation : undefined;
    if (trigger === 'escalated' && due <= now && !(escalation && Date.parse(escalation.dueAt) > now.getTime())) {
      put('escalation', addDuration(now, responseTarget(t, owed.kind), cal), owed.kind);
    } else if (escalation) {
      out.escalation = escalation;
    } else {
      put(owed.kind, due);
    }
  }

  // Anything we write to the customer is a status update, so the interval restarts from it.
  const runningUpdate = currentDue('status_update');
  if (trigger === 'case_opened')
    put('status_update', addDuration(parseInstant(c.createdAt, 'createdAt'), t.statusUpdateInterval, cal));
  else if (runningUpdate && trigger !== 'agent_replied' && trigger !== 'status_update_sent')
    put('status_update', runningUpdate);
  else put('status_update', addDuration(now, t.statusUpdateInterval, cal));

  const candidates = (['first_response', 'next_response', 'resolution'] as const)
    .flatMap((kind) => {
      const d = out[kind];
      if (!d) return [];
      const at = subtractDuration(new Date(d.dueAt), t.reminderBefore, cal);
      return at > now ? [{ kind, at }] : [];
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const next = candidates[0];
  if (next) put('reminder', next.at, next.kind);

  return { deadlines: out, estimatedResolutionAt: resolution.toISOString() };
}
