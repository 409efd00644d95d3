/**
 * The acknowledgement budget: how many automatic answers (new-case acknowledgements and `reply_received`)
 * intake may queue, overall per minute and per sender per day. An acknowledgement is DKIM-signed by our own
 * domain and goes to whatever address a mail claims, so without a ceiling a flood of forged mail turns
 * Docket into a relay of mail nobody asked for. Over the global budget an acknowledgement waits for a later
 * minute (never dropped: it states a response time the customer is owed); over a sender's daily cap that
 * sender gets no more automatic mail that day (its mail is still kept as cases). Pure: keys and arithmetic.
 */

export interface AckBudgetLimits {
  /** Acknowledgements queued for sending in any one minute, all senders together. */
  readonly perMinute: number;
  /** Acknowledgements one address receives in one UTC day. */
  readonly perSenderPerDay: number;
}

/**
 * Far above a 7x surge of real mail (a large exchange's support mailbox sees well under 100 new mails a
 * minute on a normal day) and under SES's default sending rate; one person rarely writes 20 times a day.
 */
export const DEFAULT_ACK_BUDGET: AckBudgetLimits = { perMinute: 1_000, perSenderPerDay: 20 };

/** SQS holds a message back at most 15 minutes (DelaySeconds <= 900): the furthest minute a place is booked in. */
export const MAX_DEFER_MINUTES = 15;
const MAX_DELAY_SECONDS = 900;

export type AckDecision =
  /** Send now. */
  | { readonly kind: 'now' }
  /** Over the global budget: queued to leave `delaySeconds` later, in the first minute with room. */
  | { readonly kind: 'delayed'; readonly delaySeconds: number; readonly budgetExhausted: boolean }
  /** Over the sender's daily cap: nothing is sent. */
  | { readonly kind: 'sender_capped' };

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The counter of one UTC minute of all senders, and when it may be forgotten. */
export function minuteKey(minuteStart: number): { key: string; expiresAt: Date } {
  return { key: `ACKMIN#${new Date(minuteStart).toISOString().slice(0, 16)}`, expiresAt: new Date(minuteStart + DAY) };
}

/** The counter of one sender's UTC day, and when it may be forgotten. */
export function senderDayKey(sender: string, now: Date): { key: string; expiresAt: Date } {
  const day = now.toISOString().slice(0, 10);
  return { key: `ACKDAY#${day}#${sender.toLowerCase()}`, expiresAt: new Date(Date.parse(day) + 2 * DAY) };
}

/**
 * Seconds from `now` to the start of the minute `minutesAhead` after the current one, at most 900. The
 * place is booked in that minute's counter, so delayed acknowledgements also stay within the budget.
 */
export function delayUntilMinute(now: Date, minutesAhead: number): number {
  const start = Math.floor(now.getTime() / MINUTE) * MINUTE + minutesAhead * MINUTE;
  return Math.min(MAX_DELAY_SECONDS, Math.max(1, Math.ceil((start - now.getTime()) / 1000)));
}
