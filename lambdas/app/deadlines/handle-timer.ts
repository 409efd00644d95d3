import { chainEvents } from '../../core/audit-chain';
import type { Case, Deadline } from '../../core/case';
import { ConcurrencyError, DuplicateError } from '../../core/errors';
import type { TimerMessage } from '../../core/ports';
import { resolveTargets, type SlaPolicy } from '../../core/sla/policy';
import { armDeadlines, delaySecondsUntil } from '../arm-deadlines';
import type { AppDeps, OutboundRequest } from '../deps';
import { metOrBreached, recordSlaOutcomes, type ReportedKind, type SlaOutcome } from './sla-outcomes';
import { decideTimerAction, type EventSpec, type TimerAction } from './timer-actions';

/** Concurrent writers (an agent replying as the deadline fires) settle within a few re-reads. */
const MAX_ATTEMPTS = 5;

export type TimerDeps = Pick<AppDeps, 'repo' | 'queue' | 'clock' | 'planDeadlines'> & {
  /** The SLA policy, to know whether a missed resolution must be explained to the customer (MiCA, FCA, Reg E). */
  readonly policy?: SlaPolicy;
};

/** Set on a case whose late decision the customer must be told about, with reasons, by an agent. */
export const DELAY_NOTICE_REQUIRED_FLAG = 'delay_notice_required';

export type TimerOutcome =
  /** The case no longer holds this deadline (met, re-planned, closed): nothing to do. `resumed`: see `handleTimer`. */
  | { readonly kind: 'stale'; readonly resumed: boolean }
  /** Arrived before its deadline (waits beyond SQS's 900 s limit): sent again with the next delay. */
  | { readonly kind: 'rescheduled'; readonly delaySeconds: number; readonly dueAt: string }
  | {
      readonly kind: 'acted';
      readonly action: TimerAction;
      readonly breached?: ReportedKind;
      readonly supervisorNotified: boolean;
      readonly armed: number;
      readonly sla: readonly SlaOutcome[];
    }
  /** A concurrent delivery of the same timer committed first. */
  | { readonly kind: 'duplicate' };

/** Idempotency key of one timer's action: a deadline acts at most once, however often its wake-up arrives. */
export const timerIdempotencyKey = (msg: Pick<TimerMessage, 'tracking' | 'deadlineId'>): string =>
  `TIMER#${msg.tracking}#${msg.deadlineId}`;

/**
 * Handles one deadline wake-up. DynamoDB is the source of truth (a timer may be stale); the message only says "look".
 *
 * 1. Re-reads the case. If it no longer holds a deadline of this kind with this id, the timer is stale
 *    (a reply met the deadline, the case was re-planned or closed) and does nothing.
 * 2. If the deadline still lies ahead (SQS delays are at most 900 s, so longer waits arrive early), the
 *    wake-up is sent again with the next delay.
 * 3. Otherwise acts (`decideTimerAction`), re-plans, and commits everything in one transaction guarded by
 *    the version read and the key `TIMER#<tracking>#<deadlineId>`: a duplicated message acts once
 *    (a concurrent twin loses on the version and then finds the deadline gone, or hits the key).
 *    Then queues the customer mail, arms the new deadlines and counts breaches/met promises.
 *
 * A crash after the commit and before the sends is repaired two ways: SQS redelivers this message, which
 * is now stale but finds its own idempotency key, so the status update or auto-close notice is queued
 * again (the mailer sends once per purposeKey); and the sweeper re-arms the new deadlines from DynamoDB.
 * Report counters are incremented after the commit, so such a crash can undercount by one; the audit
 * events (`sla_breached`) stay the complete record.
 */
export async function handleTimer(msg: TimerMessage, deps: TimerDeps): Promise<TimerOutcome> {
  for (let attempt = 1; ; attempt++) {
    const current = await deps.repo.getCase(msg.tracking);
    const deadline = current?.deadlines[msg.kind];
    if (!current || !deadline || deadline.id !== msg.deadlineId) return stale(msg, deps);
    const now = deps.clock.now();
    if (Date.parse(deadline.dueAt) > now.getTime()) {
      const delaySeconds = delaySecondsUntil(deadline.dueAt, now);
      const again: TimerMessage = { ...msg, dueAt: deadline.dueAt };
      await deps.queue.send('timers', again, delaySeconds);
      return { kind: 'rescheduled', delaySeconds, dueAt: deadline.dueAt };
    }
    try {
      return await act(current, msg, deadline, deps, now);
    } catch (err) {
      if (err instanceof DuplicateError) return { kind: 'duplicate' };
      if (err instanceof ConcurrencyError && attempt < MAX_ATTEMPTS) continue;
      throw err;
    }
  }
}

async function act(
  current: Case,
  msg: TimerMessage,
  deadline: Deadline,
  deps: TimerDeps,
  now: Date,
): Promise<TimerOutcome> {
  const at = now.toISOString();
  const decision = decideTimerAction(current, msg.kind, deadline, now);
  const plan = await deps.planDeadlines(decision.case, decision.trigger, now);
  const { estimatedResolutionAt: _old, ...rest } = decision.case;
  let next: Case = {
    ...rest,
    deadlines: plan.deadlines,
    ...(plan.estimatedResolutionAt ? { estimatedResolutionAt: plan.estimatedResolutionAt } : {}),
    ...(plan.slaPolicyVersion ? { slaPolicyVersion: plan.slaPolicyVersion } : {}),
    updatedAt: at,
    version: current.version + 1,
  };

  const specs: EventSpec[] = [...decision.events];
  let outbound = decision.outbound;
  if (
    msg.kind === 'resolution' &&
    deps.policy &&
    resolveTargets(deps.policy, current).explainDelay &&
    !next.flags.includes(DELAY_NOTICE_REQUIRED_FLAG)
  ) {
    // The rules that require it want the real reasons, which only a person knows: ask for them, loudly.
    next = { ...next, flags: [...next.flags, DELAY_NOTICE_REQUIRED_FLAG] };
    specs.push({
      at,
      actor: 'system',
      type: 'delay_notice_required',
      data: { deadline: 'resolution', dueAt: deadline.dueAt, how: 'POST /cases/{tracking}/delay-notices' },
    });
  }
  const previous = current.estimatedResolutionAt;
  if (previous && next.estimatedResolutionAt && next.estimatedResolutionAt !== previous) {
    // A missed target moves the estimated resolution date; the customer is told the new one.
    specs.push({
      at,
      actor: 'system',
      type: 'estimated_resolution_changed',
      data: { from: previous, to: next.estimatedResolutionAt },
    });
    outbound ??= {
      tracking: current.tracking,
      purpose: 'status_update',
      purposeKey: `status_update:${deadline.id}`,
      deadlineKind: msg.kind,
    };
    if (outbound.purpose === 'status_update')
      outbound = { ...outbound, data: { ...outbound.data, previousEstimatedResolutionAt: previous } };
  }

  const { events, head } = chainEvents(current, specs);
  next = { ...next, ...head };
  await deps.repo.commit({
    case: next,
    expectedVersion: current.version,
    events,
    idempotencyKeys: [timerIdempotencyKey(msg)],
  });

  if (outbound) await deps.queue.send('outbound', outbound);
  const armed = await armDeadlines(deps.queue, next, current.deadlines, now);
  const sla: SlaOutcome[] = [
    ...(decision.breached ? [{ kind: decision.breached, outcome: 'breached' as const, dueAt: deadline.dueAt }] : []),
    ...metOrBreached(current, next, now),
  ];
  await recordSlaOutcomes(deps.repo, sla, now);
  return {
    kind: 'acted',
    action: decision.action,
    supervisorNotified: decision.supervisorNotified,
    armed,
    sla,
    ...(decision.breached ? { breached: decision.breached } : {}),
  };
}

/** The customer mail a timer kind queues when its request can be rebuilt from the message alone. */
function resumableOutbound(msg: TimerMessage): OutboundRequest | undefined {
  if (msg.kind === 'status_update')
    return {
      tracking: msg.tracking,
      purpose: 'status_update',
      purposeKey: `status_update:${msg.deadlineId}`,
      deadlineKind: 'status_update',
    };
  if (msg.kind === 'auto_close') return { tracking: msg.tracking, purpose: 'auto_close', purposeKey: 'auto_close' };
  return undefined;
}

async function stale(msg: TimerMessage, deps: TimerDeps): Promise<TimerOutcome> {
  const outbound = resumableOutbound(msg);
  // Our own earlier delivery committed this timer's action: re-queue its customer mail in case a crash
  // lost it after the commit (idempotent downstream: the mailer sends once per purposeKey).
  if (outbound && (await deps.repo.findIdempotencyKey(timerIdempotencyKey(msg)))) {
    await deps.queue.send('outbound', outbound);
    return { kind: 'stale', resumed: true };
  }
  return { kind: 'stale', resumed: false };
}
