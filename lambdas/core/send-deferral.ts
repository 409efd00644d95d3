import type { DeliveryCount, OutboundRequest } from './outbound-request';

/** SQS's upper bound for DelaySeconds: a deferral never waits longer in one step. */
export const MAX_DEFERRAL_SECONDS = 900;

/**
 * Delay before a deferred send is tried again: exponential in the number of earlier deferrals (1 s, 2 s,
 * 4 s, ... capped at 900 s) with "equal jitter" (half fixed, half random), so invocations deferred in the
 * same second do not come back in the same second. `random` is in [0, 1).
 */
export function deferralDelaySeconds(deferrals: number, random: number): number {
  const ceiling = Math.min(MAX_DEFERRAL_SECONDS, 2 ** Math.min(deferrals, 10));
  return Math.max(1, Math.min(MAX_DEFERRAL_SECONDS, Math.round(ceiling / 2 + (random * ceiling) / 2)));
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
