import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { handleTimer, type TimerOutcome } from '../app/deadlines/handle-timer';
import { parseTimerMessage } from '../app/deadlines/timer-message';
import type { TimerMessage } from '../core/ports';
import { container } from '../shared/container';
import { logger, metrics, MetricUnit } from '../shared/observability';
import { processBatch } from '../shared/sqs-batch';

/** Metrics the stack alarms on: `SlaBreaches` and `SupervisorNotifications` (namespace Docket). */
function countOutcome(outcome: TimerOutcome): void {
  metrics.addMetric(`Timer_${outcome.kind}`, MetricUnit.Count, 1);
  if (outcome.kind !== 'acted') return;
  metrics.addMetric(`Timer_${outcome.action}`, MetricUnit.Count, 1);
  if (outcome.supervisorNotified) metrics.addMetric('SupervisorNotifications', MetricUnit.Count, 1);
  for (const o of outcome.sla) metrics.addMetric(o.outcome === 'met' ? 'SlaMet' : 'SlaBreaches', MetricUnit.Count, 1);
}

/**
 * SQS batch of deadline wake-ups -> reminders, escalations, status updates, auto-close. A malformed body
 * can never succeed, but it is failed, not dropped: after its retries SQS parks it in the dead-letter
 * queue, where the DLQ alarm shows it to a human (nothing is silently lost).
 */
async function timers(event: SQSEvent): Promise<SQSBatchResponse> {
  const deps = await container('timers');
  return processBatch(event, async (record) => {
    let msg: TimerMessage;
    try {
      msg = parseTimerMessage(record.body);
    } catch (err) {
      metrics.addMetric('TimerMalformed', MetricUnit.Count, 1);
      logger.error('malformed timer message; failing it towards the dead-letter queue', {
        messageId: record.messageId,
        error: err as Error,
      });
      throw err;
    }
    const outcome = await handleTimer(msg, deps);
    countOutcome(outcome);
    logger.info('timer processed', { tracking: msg.tracking, deadline: msg.kind, deadlineId: msg.deadlineId, outcome });
  });
}

export const handler = middy(timers).use(injectLambdaContext(logger)).use(logMetrics(metrics));
