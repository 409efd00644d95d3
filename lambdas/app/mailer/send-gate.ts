import { SendThrottledError } from '../../core/errors';
import { outboundLane, type OutboundLane, type OutboundRequest } from '../../core/outbound-request';
import type { Clock } from '../../core/ports';
import {
  firstOpenPlace,
  laneLimit,
  laneWindows,
  slotInstant,
  windowCapacity,
  type SendQuota,
  type SendQuotaSource,
  type SendWindowStore,
} from '../../core/send-budget';

export interface SendGateDeps {
  readonly store: SendWindowStore;
  readonly quota: SendQuotaSource;
  /** Sends per second this deployment may use at most, below the account's rate (SEND_RATE_CEILING). */
  readonly ceiling?: number;
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
  /** How long a quota read is trusted before SES is asked again. */
  readonly quotaRefreshMs: number;
}

/** The mailer's view of the budget: what it currently allows and what the last quota read said. */
export interface SendGate {
  /** Waits for the request's place in the shared budget; throws `SendThrottledError('budget')` when none is free. */
  beforeSend(req: OutboundRequest): Promise<void>;
  /**
   * True when this container already found no place for the request's lane in the current second: none
   * will open before that second ends (places are only ever taken, and their instants only pass), so the
   * mail can be deferred before it takes the send lease, renders and stores anything.
   */
  full(req: OutboundRequest): boolean;
  /** Sends per second the budget hands out (undefined: unlimited), from the latest quota read. */
  capacity(): Promise<number | undefined>;
  /** The latest quota read. */
  quota(): Promise<SendQuota>;
}

/** Five minutes: SES raises quotas by support case, so a new rate is in use within minutes, not at a redeploy. */
export const QUOTA_REFRESH_MS = 5 * 60_000;

/**
 * The shared send budget as `beforeSend` of the delivery loop. The account's quota is read at the first
 * send (cold start) and again after `quotaRefreshMs`; a failed refresh keeps the last known quota, and a
 * failed first read defers the mail (it is back-pressure, never a failure).
 *
 * Interactive mail books the earliest free place in the current window or up to
 * `LOOKAHEAD_SECONDS` ahead and waits for it; bulk mail only takes a place in the current window below
 * the interactive reserve, so it only ever uses what interactive mail leaves.
 */
export function createSendGate(deps: SendGateDeps): SendGate {
  let known: { quota: SendQuota; at: number } | undefined;
  let reading: Promise<SendQuota> | undefined;

  const readQuota = async (): Promise<SendQuota> => {
    const now = deps.clock.now().getTime();
    if (known && now - known.at < deps.quotaRefreshMs) return known.quota;
    reading ??= deps.quota
      .read()
      .then((q) => {
        known = { quota: q, at: deps.clock.now().getTime() };
        return q;
      })
      .catch((err: unknown) => {
        if (known) return known.quota;
        throw new SendThrottledError('budget', 'the account sending quota could not be read', { cause: err });
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };

  const capacity = async (): Promise<number | undefined> => windowCapacity(await readQuota(), deps.ceiling);
  /** The epoch second in which each lane last found no place. */
  const refusedIn: Partial<Record<OutboundLane, number>> = {};
  const full = (req: OutboundRequest): boolean =>
    refusedIn[outboundLane(req.purpose)] === Math.floor(deps.clock.now().getTime() / 1000);

  return {
    quota: readQuota,
    capacity,
    full,
    async beforeSend(req) {
      if (full(req)) throw new SendThrottledError('budget', 'the send budget had no place left this second');
      const cap = await capacity();
      if (cap === undefined) return;
      const lane = outboundLane(req.purpose);
      const limit = laneLimit(lane, cap);
      const now = deps.clock.now().getTime();
      for (const second of laneWindows(lane, now)) {
        const from = firstOpenPlace(second, cap, now);
        if (from >= limit) continue;
        const place = await deps.store.take(second, limit, from);
        if (place === undefined) continue;
        const wait = slotInstant(second, place, cap) - deps.clock.now().getTime();
        if (wait > 0) await deps.sleep(wait);
        return;
      }
      refusedIn[lane] = Math.floor(now / 1000);
      throw new SendThrottledError('budget', `the send budget has no ${lane} place free`);
    },
  };
}
