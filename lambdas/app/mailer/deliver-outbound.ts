import { SendThrottledError } from '../../core/errors';
import { outboundLane, outboundQueueOf, type OutboundRequest } from '../../core/outbound-request';
import type { Queue } from '../../core/ports';
import type { SendBacklog } from '../../core/send-budget';
import { deferralDelaySeconds, deferredCopy, laneDrainSeconds } from '../../core/send-deferral';
import { SendInProgressError, sendOutbound, type MailerDeps, type SendOutcome } from './send-outbound';

export interface DeliveryDeps {
  readonly mailer: MailerDeps;
  /** The outbound queues a deferred request goes back to (the one of its lane). */
  readonly queue: Queue;
  /** Seconds mail waits when the provider's daily quota is spent (at most 900, SQS's maximum delay). */
  readonly dailyQuotaHoldSeconds: number;
  /** Runs just before each send (the shared send budget); throws `SendThrottledError` when over budget. */
  readonly beforeSend?: (req: OutboundRequest) => Promise<void>;
  /**
   * Both lanes' depths and the budget's rate (a cached reading): a mail the budget refused waits no longer
   * than the queue ahead of it needs. Without it, or when it cannot be read, the wait doubles up to 900 s.
   */
  readonly backlog?: () => Promise<SendBacklog>;
  /** True when the budget is known to have no place for the request this second (`SendGate.full`). */
  readonly budgetFull?: (req: OutboundRequest) => boolean;
}

/** `deferred`: put back for rate or a concurrent delivery; `held`: put back because the daily quota is spent. */
export type DeliveryOutcome = SendOutcome | 'deferred' | 'held';

/**
 * Sends one outbound request, treating back-pressure as a wait, never as a failure. A send refused for
 * rate, over the shared budget, or held by another delivery's lease is queued again as a new message
 * with a jittered delay (and the caller acknowledges this one): SQS moves a message to the DLQ after
 * `maxReceiveCount` receives whatever the reason, so only a fresh message keeps waiting mail out of it.
 * A spent daily quota holds the mail for `dailyQuotaHoldSeconds` the same way. Any other error is a
 * real failure and reaches the caller, which lets SQS retry and finally dead-letter it.
 *
 * `receiveCount` is this message's SQS receive count: its earlier receives were real failures, carried
 * into the copy's `failedAttempts`.
 */
export async function deliverOutbound(
  req: OutboundRequest,
  receiveCount: number,
  deps: DeliveryDeps,
): Promise<DeliveryOutcome> {
  try {
    // Known full: deferred before the lease, the render and the stored copy (a budget refusal otherwise
    // comes after all three).
    if (deps.budgetFull?.(req)) throw new SendThrottledError('budget', 'the send budget had no place left this second');
    const beforeSend = deps.beforeSend;
    return await sendOutbound(req, deps.mailer, beforeSend ? () => beforeSend(req) : undefined);
  } catch (err) {
    const daily = err instanceof SendThrottledError && err.limit === 'daily_quota';
    if (!daily && !(err instanceof SendThrottledError) && !(err instanceof SendInProgressError)) throw err;
    const copy = deferredCopy(req, receiveCount);
    const budget = err instanceof SendThrottledError && err.limit === 'budget';
    const delay = daily
      ? deps.dailyQuotaHoldSeconds
      : deferralDelaySeconds(
          copy.delivery!.deferrals - 1,
          deps.mailer.ids.fraction(),
          budget ? await queueAheadSeconds(req, deps) : undefined,
        );
    // If this send fails the error reaches the caller and SQS redelivers the original: nothing is lost.
    await deps.queue.send(outboundQueueOf(copy), copy, delay);
    return daily ? 'held' : 'deferred';
  }
}

/** The time the queue ahead of a mail the budget refused needs; undefined when that cannot be told. */
async function queueAheadSeconds(req: OutboundRequest, deps: DeliveryDeps): Promise<number | undefined> {
  const backlog = await deps.backlog?.().catch(() => undefined);
  return backlog && laneDrainSeconds(outboundLane(req.purpose), backlog);
}
