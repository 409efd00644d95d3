/** SQS DelaySeconds upper limit; a longer wait re-enqueues the timer until it is due. */
export const MAX_TIMER_DELAY_SECONDS = 900;

/**
 * DelaySeconds for a timer message due at `dueAt`: whole seconds until then, rounded up so a timer never
 * wakes before its deadline, clamped to [0, 900] (a past deadline fires at once).
 */
export function timerDelaySeconds(dueAt: Date, now: Date): number {
  const seconds = Math.ceil((dueAt.getTime() - now.getTime()) / 1000);
  if (Number.isNaN(seconds)) return 0;
  return Math.min(MAX_TIMER_DELAY_SECONDS, Math.max(0, seconds));
}

/**
 * How often the sweeper runs on AWS (the EventBridge schedule). The sweeper arms every deadline due
 * within 900 s, three periods, so two missed or late runs still leave one that arms it in time
 * (`lambdas/app/deadlines/sweep.ts` has the arithmetic).
 */
export const SWEEP_PERIOD_SECONDS = 5 * 60;
