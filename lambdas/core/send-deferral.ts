import type { DeliveryCount, OutboundLane, OutboundRequest } from './outbound-request';
import { laneLimit, type SendBacklog } from './send-budget';

/** SQS's upper bound for DelaySeconds: a deferral never waits longer in one step. */
export const MAX_DEFERRAL_SECONDS = 900;

/**
 * Delay before a deferred send is tried again: exponential in the number of earlier deferrals (1 s, 2 s,
 * 4 s, ... capped at `longest`, and never above 900 s) with "equal jitter" (half fixed, half random), so
 * invocations deferred in the same second do not come back in the same second. `random` is in [0, 1).
 */
export function deferralDelaySeconds(deferrals: number, random: number, longest = MAX_DEFERRAL_SECONDS): number {
  const ceiling = Math.min(Math.max(1, longest), MAX_DEFERRAL_SECONDS, 2 ** Math.min(deferrals, 10));
  return Math.max(1, Math.min(MAX_DEFERRAL_SECONDS, Math.round(ceiling / 2 + (random * ceiling) / 2)));
}

/**
 * The longest a mail the send budget refused should wait: the time its lane's queue needs at the
 * budget's rate. Doubling alone leaves places unused while a mail deferred seven times sleeps one to two
 * minutes (a broadcast's last notices did, on an idle budget: 1,000 notices were not all out after 13
 * minutes; capped, in 140 s); capped by this, a mail waits about as long as the queue ahead of it, while
 * early deferrals stay short and keep interactive mail near its place in line. (A uniform wait over the
 * drain time for bulk mail, which has no order to keep, measured 154 s with 3.9 deferrals a notice
 * against 140 s with 6.0: not taken.) Interactive mail waits for interactive mail only; bulk mail for
 * both lanes, at no more than its share of each second. Undefined without a budget.
 */
export function laneDrainSeconds(
  lane: OutboundLane,
  backlog: Pick<SendBacklog, 'interactive' | 'bulk' | 'capacity'>,
): number | undefined {
  const cap = backlog.capacity;
  if (!cap) return undefined;
  const drain =
    lane === 'interactive'
      ? backlog.interactive / cap
      : Math.max((backlog.interactive + backlog.bulk) / cap, backlog.bulk / laneLimit('bulk', cap));
  return Math.min(MAX_DEFERRAL_SECONDS, Math.max(1, Math.ceil(drain)));
}

/**
 * The copy of `req` that is queued again after a deferral: one more deferral, and the real failures of
 * this delivery's earlier receives (`receiveCount - 1`) added to those its earlier copies carried, since
 * the new SQS message starts its receive count again.
 */
export function deferredCopy(req: OutboundRequest, receiveCount: number): OutboundRequest {
  const before: DeliveryCount = req.delivery ?? { deferrals: 0, failedAttempts: 0 };
  return {
    ...req,
    delivery: {
      deferrals: before.deferrals + 1,
      failedAttempts: before.failedAttempts + Math.max(0, receiveCount - 1),
    },
  };
}
