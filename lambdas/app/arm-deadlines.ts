import type { Case, DeadlineKind } from '../core/case';
import type { Queue, TimerMessage } from '../core/ports';
import { MAX_TIMER_DELAY_SECONDS, timerDelaySeconds } from '../core/sla/timer-delay';

/**
 * How far ahead a timer is put on SQS: SQS's longest delay, so an armed timer is one message that arrives
 * at its deadline (to the second) and never has to be re-queued. Deadlines further out are left to the
 * sweeper, which arms them from the due-time index once they come this close (`sweep`): timer traffic
 * then follows what falls due, not what is open.
 */
export const ARM_AHEAD_SECONDS = MAX_TIMER_DELAY_SECONDS;

/** DelaySeconds for a deadline stored as an ISO instant (see `timerDelaySeconds`: rounded up, at most 900). */
export function delaySecondsUntil(dueAt: string, now: Date): number {
  return timerDelaySeconds(new Date(dueAt), now);
}

/** True when a deadline is due within `ARM_AHEAD_SECONDS` of `now` (or overdue): close enough to arm. */
export function dueWithinArmingWindow(dueAt: string, now: Date): boolean {
  return Date.parse(dueAt) <= now.getTime() + ARM_AHEAD_SECONDS * 1000;
}

/** The wake-up of one deadline, with the delay until it is due. */
export function timerFor(
  c: Pick<Case, 'tracking'>,
  kind: DeadlineKind,
  d: { readonly id: string; readonly dueAt: string },
  now: Date,
): { body: TimerMessage; delaySeconds: number } {
  return {
    body: { tracking: c.tracking, kind, deadlineId: d.id, dueAt: d.dueAt },
    delaySeconds: delaySecondsUntil(d.dueAt, now),
  };
}

/**
 * Arms an SQS wake-up for every deadline that is new or changed since `before` and due within
 * `ARM_AHEAD_SECONDS`. DynamoDB stays the source of truth: the sweeper arms the later ones (and re-arms a
 * lost one) from the due-time index, and the timer handler ignores a stale or duplicated wake-up.
 */
export async function armDeadlines(
  queue: Queue,
  after: Case,
  before: Case['deadlines'] | undefined,
  now: Date,
): Promise<number> {
  const batch: { body: TimerMessage; delaySeconds: number }[] = [];
  for (const [kind, d] of Object.entries(after.deadlines)) {
    if (!d || !dueWithinArmingWindow(d.dueAt, now)) continue;
    const prev = before?.[kind as DeadlineKind];
    if (prev && prev.id === d.id) continue;
    batch.push(timerFor(after, kind as DeadlineKind, d, now));
  }
  if (batch.length) await queue.sendBatch('timers', batch);
  return batch.length;
}
