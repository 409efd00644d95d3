import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import type { AsyncHandler } from './handler-loader';
import { lambdaContext } from './lambda-context';
import type { LocalLogger } from './log';

/** The event EventBridge Scheduler/rules deliver for a `rate(...)` schedule. */
export function scheduledEvent(ruleArn: string, at = new Date()): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'us-east-1',
    resources: [ruleArn],
    detail: {},
  };
}

export interface SweeperSchedule {
  stop(): Promise<void>;
}

/**
 * Invokes the sweeper handler every `intervalMs` with a scheduled event (on AWS: every 5 minutes). Runs
 * never overlap: a slow sweep delays the next one, as a reserved concurrency of 1 would.
 */
export function startSweeperSchedule(opts: {
  intervalMs: number;
  handler: AsyncHandler<ScheduledEvent, unknown>;
  log: LocalLogger;
}): SweeperSchedule {
  let running: Promise<void> | undefined;
  const tick = (): void => {
    if (running) return;
    running = opts
      .handler(scheduledEvent('arn:aws:events:us-east-1:123456789012:rule/docket-sweeper'), lambdaContext('sweeper'))
      .then(
        () => opts.log.info('sweep done'),
        (err: unknown) => opts.log.error('sweep failed', err),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, opts.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
