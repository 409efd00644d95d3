import type { DeadlineKind } from '../../core/case';
import { ValidationError } from '../../core/errors';
import type { DueCase, TimerMessage } from '../../core/ports';
import { MAX_TIMER_DELAY_SECONDS } from '../../core/sla/timer-delay';
import { ARM_AHEAD_SECONDS, timerFor } from '../arm-deadlines';
import type { AppDeps } from '../deps';

/**
 * How far ahead a run arms: the same 15 minutes as a case change (`ARM_AHEAD_SECONDS`), three periods
 * (`SWEEP_PERIOD_SECONDS`; the local stack sweeps every `DOCKET_SWEEP_SECONDS`, 60 by default).
 * A deadline not armed when its case changed lay more than 15 minutes ahead then, so every run in the
 * 15 minutes before it comes after that change: three of them, each arming it with the exact delay to
 * its due second. One good run out of three is enough for it to fire on time; two runs may fail, or
 * EventBridge may deliver late (within about a minute), with room to spare. If all three fail it is
 * overdue at the next good run, which arms it at once.
 */
export const SWEEP_LOOKAHEAD_SECONDS = ARM_AHEAD_SECONDS;
/**
 * Cases taken per run from each part of the index (coming due, overdue). At 100,000 open cases some
 * ~1,000-2,000 fall due in 15 minutes (7x that in a crash stays within it); more is a backlog, which
 * drains oldest first over the next runs.
 */
export const SWEEP_LIMIT = 10_000;
/** Timer batches (10 messages each) sent in parallel: bounded so a large run does not burst SQS. */
const PARALLEL_BATCHES = 10;
const SQS_BATCH = 10;

export interface SweepOptions {
  /** @default SWEEP_LOOKAHEAD_SECONDS */
  readonly lookaheadSeconds?: number;
  /** @default SWEEP_LIMIT */
  readonly limit?: number;
}

export interface SweepResult {
  /** Cases listed by the due-time index with a deadline due before the horizon. */
  readonly scanned: number;
  /** Of those, cases whose earliest deadline had already passed (a lost timer, an outage, a deploy). */
  readonly overdue: number;
  /** Wake-ups sent (some duplicate a timer already on the queue: see `sweep`). */
  readonly armed: number;
  /** True when the index held more cases than `limit` in a part; the rest follow in the next runs. */
  readonly truncated: boolean;
  readonly horizon: string;
}

/**
 * The sweeper: arms an SQS wake-up for every deadline due before `now + lookahead`, read from the
 * due-time index (each entry carries the case's deadlines, so no case is read). Two queries per shard:
 * what comes due in the window, and what is already overdue, so a backlog of overdue cases can never
 * crowd out the deadlines about to fall due.
 *
 * Arming is idempotent. A run cannot tell an armed timer from a lost one (SQS does not say a message was
 * purged or never sent after a crash), and need not: the timer handler re-reads the case, ignores a
 * deadline that is gone or has a new id, and acts once per deadline (idempotency key
 * `TIMER#<tracking>#<deadlineId>`), so a duplicate wake-up costs a read and nothing else. `armed` counts
 * wake-ups sent, up to three per deadline (one per run that sees it coming).
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
  const [coming, overdue] = await Promise.all([
    deps.repo.listDueCases({ after: now.toISOString(), before: horizon.toISOString(), limit }),
    deps.repo.listDueCases({ before: now.toISOString(), limit }),
  ]);
  const cases = [...overdue.items, ...coming.items];
  const timers = cases.flatMap((c) => timersDueBy(c, horizon, now));
  const batches: (typeof timers)[] = [];
  for (let i = 0; i < timers.length; i += SQS_BATCH) batches.push(timers.slice(i, i + SQS_BATCH));
  for (let i = 0; i < batches.length; i += PARALLEL_BATCHES)
    await Promise.all(batches.slice(i, i + PARALLEL_BATCHES).map((b) => deps.queue.sendBatch('timers', b)));
  return {
    scanned: cases.length,
    overdue: overdue.items.length,
    armed: timers.length,
    truncated: coming.truncated || overdue.truncated,
    horizon: horizon.toISOString(),
  };
}

function timersDueBy(c: DueCase, horizon: Date, now: Date): { body: TimerMessage; delaySeconds: number }[] {
  return Object.entries(c.deadlines)
    .filter(([, d]) => d && Date.parse(d.dueAt) <= horizon.getTime())
    .map(([kind, d]) => timerFor(c, kind as DeadlineKind, d!, now));
}
