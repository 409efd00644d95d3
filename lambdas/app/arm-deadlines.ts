import type { Case } from '../core/case';
import type { Queue, TimerMessage } from '../core/ports';
import { timerDelaySeconds } from '../core/sla/timer-delay';

/** DelaySeconds for a deadline stored as an ISO instant (see `timerDelaySeconds`: rounded up, at most 900). */
export function delaySecondsUntil(dueAt: string, now: Date): number {
  return timerDelaySeconds(new Date(dueAt), now);
}

/**
 * Arms an SQS wake-up for every deadline that is new or changed since `before`. DynamoDB stays the
 * source of truth: a lost wake-up is re-armed by the sweeper, a stale one is ignored by the timer handler.
 */
export async function armDeadlines(
  queue: Queue,
  after: Case,
  before: Case['deadlines'] | undefined,
  now: Date,
): Promise<number> {
  const batch: { body: TimerMessage; delaySeconds: number }[] = [];
  for (const [kind, d] of Object.entries(after.deadlines)) {
    if (!d) continue;
    const prev = before?.[kind as keyof Case['deadlines']];
    if (prev && prev.id === d.id) continue;
    const msg: TimerMessage = {
      tracking: after.tracking,
      kind: kind as TimerMessage['kind'],
      deadlineId: d.id,
      dueAt: d.dueAt,
    };
    batch.push({ body: msg, delaySeconds: delaySecondsUntil(d.dueAt, now) });
  }
  if (batch.length) await queue.sendBatch('timers', batch);
  return batch.length;
}
