import { DEFAULT_ACK_BUDGET, type AckBudgetLimits } from '../../lambdas/core/ack-budget';
import type { AckCounters, Clock } from '../../lambdas/core/ports';

/** In-memory AckCounters for use-case tests; held to the same contract as the DynamoDB adapter. */
export class InMemoryAckCounters implements AckCounters {
  readonly counts = new Map<string, { n: number; expiresAt: Date }>();

  constructor(private readonly clock?: Clock) {}

  async take(key: string, limit: number, expiresAt: Date): Promise<boolean> {
    const current = this.counts.get(key);
    // An expired window counts as empty, as TTL would (eventually) delete it.
    const n = current && (!this.clock || current.expiresAt > this.clock.now()) ? current.n : 0;
    if (limit <= 0 || n >= limit) return false;
    this.counts.set(key, { n: n + 1, expiresAt: current?.expiresAt ?? expiresAt });
    return true;
  }
}

/** The intake's acknowledgement budget on in-memory counters, with the deployed limits unless given others. */
export function inMemoryAckBudget(limits: Partial<AckBudgetLimits> = {}, clock?: Clock) {
  return { counters: new InMemoryAckCounters(clock), limits: { ...DEFAULT_ACK_BUDGET, ...limits } };
}
