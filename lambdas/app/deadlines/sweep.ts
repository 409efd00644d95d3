import type { Case, DeadlineKind } from '../../core/case';
import { ValidationError } from '../../core/errors';
import type { TimerMessage } from '../../core/ports';
import { MAX_TIMER_DELAY_SECONDS } from '../../core/sla/timer-delay';
import { delaySecondsUntil } from '../arm-deadlines';
import type { AppDeps } from '../deps';

/**
 * How far ahead the sweeper looks: three runs of the 5-minute schedule, so every deadline is re-armed
 * before it falls due even if a run or two fail. At most SQS's 900 s delay, so a re-armed wake-up never
 * has to be re-enqueued.
 */
export const SWEEP_LOOKAHEAD_SECONDS = 15 * 60;
/** Cases per run; the index lists the most overdue first, so a backlog beyond this drains over the next runs. */
export const SWEEP_LIMIT = 500;
/** Cases read in parallel (bounded so a large sweep does not burst DynamoDB and SQS). */
const PARALLEL_READS = 10;

export interface SweepOptions {
  /** @default SWEEP_LOOKAHEAD_SECONDS */
  readonly lookaheadSeconds?: number;
  /** @default SWEEP_LIMIT */
  readonly limit?: number;
}

export interface SweepResult {
  /** Cases listed by the open-deadline index with a deadline due before the horizon. */
  readonly scanned: number;
  /** Wake-ups sent (the "repaired" count: see `sweep`). */
  readonly rearmed: number;
  /** True when the index held more due cases than `limit`; the rest follow in the next runs. */
  readonly truncated: boolean;
  readonly horizon: string;
}

/**
 * The sweeper: lists open cases whose earliest deadline falls before `now + lookahead`
 * from the sparse open-deadline index, re-reads each, and sends a wake-up for every deadline of the case
 * due before that horizon (with the delay until it is due).
 *
 * Why re-arm everything in the window: a lost wake-up leaves no trace (SQS does not say a message was
 * purged, expired or never sent after a crash), so the sweeper cannot tell a lost timer from a pending
 * one. It does not need to: the timer handler re-reads the case, ignores a deadline that is gone or has a
 * new id, and acts once per deadline (idempotency key `TIMER#<tracking>#<deadlineId>`), so a duplicate
 * wake-up costs one read and nothing else. `rearmed` therefore counts wake-ups sent, an upper bound of
 * what was repaired. Deadlines beyond the horizon are left alone: the next runs reach them in time.
 */
export async function sweep(
  deps: Pick<AppDeps, 'repo' | 'queue'>,
  now: Date,
  opts: SweepOptions = {},
): Promise<SweepResult> {
  const lookahead = opts.lookaheadSeconds ?? SWEEP_LOOKAHEAD_SECONDS;
  const limit = opts.limit ?? SWEEP_LIMIT;
  if (!(lookahead >= 0 && lookahead <= MAX_TIMER_DELAY_SECONDS)) {
    throw new ValidationError(`lookaheadSeconds must be from 0 to ${MAX_TIMER_DELAY_SECONDS}, got ${lookahead}`);
  }
  if (!Number.isInteger(limit) || limit < 1)
    throw new ValidationError(`limit must be a positive integer, got ${limit}`);
  const horizon = new Date(now.getTime() + lookahead * 1000);
  const due = await deps.repo.listDue(horizon.toISOString(), limit);

  let rearmed = 0;
  for (let i = 0; i < due.length; i += PARALLEL_READS) {
    const counts = await Promise.all(
      due.slice(i, i + PARALLEL_READS).map(async ({ tracking }) => {
        const c = await deps.repo.getCase(tracking);
        return c ? rearm(deps, c, horizon, now) : 0;
      }),
    );
    rearmed += counts.reduce((a, b) => a + b, 0);
  }
  return { scanned: due.length, rearmed, truncated: due.length >= limit, horizon: horizon.toISOString() };
}

async function rearm(deps: Pick<AppDeps, 'queue'>, c: Case, horizon: Date, now: Date): Promise<number> {
  let sent = 0;
  for (const [kind, d] of Object.entries(c.deadlines)) {
    if (!d || Date.parse(d.dueAt) > horizon.getTime()) continue;
    const msg: TimerMessage = { tracking: c.tracking, kind: kind as DeadlineKind, deadlineId: d.id, dueAt: d.dueAt };
    await deps.queue.send('timers', msg, delaySecondsUntil(d.dueAt, now));
    sent++;
  }
  return sent;
}
