import type { Case, Deadline } from '../../core/case';
import { outboundQueueOf } from '../../core/outbound-request';
import type { TimerMessage } from '../../core/ports';
import { resolveTargets, type SlaPolicy } from '../../core/sla/policy';
import { armDeadlines, delaySecondsUntil, dueWithinArmingWindow } from '../arm-deadlines';
import type { AppDeps, OutboundRequest } from '../deps';
import { commitCaseEdit, mutateCase } from '../mutate-case';
import { metOrBreached, recordSlaOutcomes, type ReportedKind, type SlaOutcome } from './sla-outcomes';
import { decideTimerAction, type EventSpec, type TimerAction } from './timer-actions';

/** Concurrent writers (an agent replying as the deadline fires) settle within a few re-reads. */
const MAX_ATTEMPTS = 5;

export type TimerDeps = Pick<AppDeps, 'repo' | 'queue' | 'clock' | 'planDeadlines'> & {
  /**
   * The SLA policy, to know whether a missed resolution must be explained to the customer (MiCA, FCA, Reg E).
   * Required: without it that rule would be skipped without a trace.
   */
  readonly policy: SlaPolicy;
};

/** Set on a case whose late decision the customer must be told about, with reasons, by an agent. */
export const DELAY_NOTICE_REQUIRED_FLAG = 'delay_notice_required';

export type TimerOutcome =
  /** The case no longer holds this deadline (met, re-planned, closed): nothing to do. `resumed`: see `handleTimer`. */
  | { readonly kind: 'stale'; readonly resumed: boolean }
  /** Arrived before its deadline, which is now within the arming window: sent again with the delay still to go. */
  | { readonly kind: 'rescheduled'; readonly delaySeconds: number; readonly dueAt: string }
  /** Arrived long before its deadline (it moved later under the same id): dropped; the sweeper arms it in time. */
  | { readonly kind: 'deferred'; readonly dueAt: string }
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
 * 2. If the deadline still lies ahead (armed by an older plan that kept its id), the wake-up is sent again
 *    with the delay still to go when that is within the arming window (`ARM_AHEAD_SECONDS`), and dropped
 *    otherwise: the sweeper arms it from the due-time index when it comes that close, so no timer ever
 *    hops through the queue while it waits.
 * 3. Otherwise acts (`decideTimerAction`), re-plans, and commits everything in one transaction guarded by
 *    the version read and the key `TIMER#<tracking>#<deadlineId>`: a duplicated message acts once
 *    (a concurrent twin loses on the version and then finds the deadline gone, or hits the key).
 *    Then queues the customer mail, arms the new deadlines due within the arming window and counts
 *    breaches/met promises.
 *
 * A crash after the commit and before the sends is repaired two ways: SQS redelivers this message, which
 * is now stale but finds its own idempotency key, so the status update or auto-close notice is queued
 * again (the mailer sends once per purposeKey); and the sweeper arms the new deadlines from the due-time
 * index.
 * Report counters are incremented after the commit, so such a crash can undercount by one; the audit
 * events (`sla_breached`) stay the complete record.
 */
export async function handleTimer(msg: TimerMessage, deps: TimerDeps): Promise<TimerOutcome> {
  return mutateCase(
    deps.repo,
    msg.tracking,
    async (current) => {
      const deadline = current.deadlines[msg.kind];
      if (!deadline || deadline.id !== msg.deadlineId) return stale(msg, deps);
      const now = deps.clock.now();
      if (Date.parse(deadline.dueAt) > now.getTime()) {
        if (!dueWithinArmingWindow(deadline.dueAt, now)) return { kind: 'deferred', dueAt: deadline.dueAt };
        const delaySeconds = delaySecondsUntil(deadline.dueAt, now);
        const again: TimerMessage = { ...msg, dueAt: deadline.dueAt };
        await deps.queue.send('timers', again, delaySeconds);
        return { kind: 'rescheduled', delaySeconds, dueAt: deadline.dueAt };
      }
      return act(current, msg, deadline, deps, now);
    },
    { attempts: MAX_ATTEMPTS, onMissing: () => stale(msg, deps), onDuplicate: () => ({ kind: 'duplicate' }) },
  );
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
  let edited = decision.case;
  const specs: EventSpec[] = [...decision.events];
  if (
    msg.kind === 'resolution' &&
    resolveTargets(deps.policy, current).explainDelay &&
    !edited.flags.includes(DELAY_NOTICE_REQUIRED_FLAG)
  ) {
    // The rules that require it want the real reasons, which only a person knows: ask for them, loudly.
    edited = { ...edited, flags: [...edited.flags, DELAY_NOTICE_REQUIRED_FLAG] };
    specs.push({
      at,
      actor: 'system',
      type: 'delay_notice_required',
      data: { deadline: 'resolution', dueAt: deadline.dueAt, how: 'POST /cases/{tracking}/delay-notices' },
    });
  }
  const previous = current.estimatedResolutionAt;
  const movedTo = (c: Case): string | undefined =>
    previous && c.estimatedResolutionAt && c.estimatedResolutionAt !== previous ? c.estimatedResolutionAt : undefined;
  const { case: next } = await commitCaseEdit(
    deps,
    current,
    {
      case: edited,
      replan: decision.trigger,
      // A missed target moves the estimated resolution date; the customer is told the new one.
      events: (planned) => {
        const to = movedTo(planned);
        return to
          ? [...specs, { at, actor: 'system', type: 'estimated_resolution_changed', data: { from: previous, to } }]
          : specs;
      },
      idempotencyKeys: [timerIdempotencyKey(msg)],
    },
    now,
  );

  let outbound = decision.outbound;
  if (movedTo(next)) {
    outbound ??= {
      tracking: current.tracking,
      purpose: 'status_update',
      purposeKey: `status_update:${deadline.id}`,
      deadlineKind: msg.kind,
    };
    if (outbound.purpose === 'status_update')
      outbound = { ...outbound, data: { ...outbound.data, previousEstimatedResolutionAt: previous } };
  }
  if (outbound) await deps.queue.send(outboundQueueOf(outbound), outbound);
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
    await deps.queue.send(outboundQueueOf(outbound), outbound);
    return { kind: 'stale', resumed: true };
  }
  return { kind: 'stale', resumed: false };
}
