import {
  delayUntilMinute,
  MAX_DEFER_MINUTES,
  minuteKey,
  senderDayKey,
  type AckBudgetLimits,
  type AckDecision,
} from '../../core/ack-budget';
import type { AckCounters } from '../../core/ports';

/** The counters and the limits the intake books acknowledgements against (wired in the composition root). */
export interface AckBudget {
  readonly counters: AckCounters;
  readonly limits: AckBudgetLimits;
}

/**
 * Books one acknowledgement to `sender`: first a place in the sender's day (none left: nothing is sent),
 * then a place in the current minute or, when it is full, in the first of the next minutes with room, so
 * the acknowledgement waits for that minute instead of being dropped. When every minute SQS can delay to
 * is full, the acknowledgement still goes out at the furthest one (`budgetExhausted`: the alarm's signal).
 */
export async function bookAcknowledgement(budget: AckBudget, sender: string, now: Date): Promise<AckDecision> {
  const day = senderDayKey(sender, now);
  if (!(await budget.counters.take(day.key, budget.limits.perSenderPerDay, day.expiresAt)))
    return { kind: 'sender_capped' };
  const thisMinute = Math.floor(now.getTime() / 60_000) * 60_000;
  for (let ahead = 0; ahead <= MAX_DEFER_MINUTES; ahead++) {
    const minute = minuteKey(thisMinute + ahead * 60_000);
    if (await budget.counters.take(minute.key, budget.limits.perMinute, minute.expiresAt)) {
      return ahead === 0
        ? { kind: 'now' }
        : { kind: 'delayed', delaySeconds: delayUntilMinute(now, ahead), budgetExhausted: false };
    }
  }
  return { kind: 'delayed', delaySeconds: delayUntilMinute(now, MAX_DEFER_MINUTES), budgetExhausted: true };
}
