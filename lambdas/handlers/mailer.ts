import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { deliverOutbound } from '../app/mailer/deliver-outbound';
import { OutboundRequestSchema } from '../core/outbound-request';
import { container } from '../shared/container';
import { deliveryDeps } from '../shared/mailer-wiring';
import { logger, metrics, MetricUnit } from '../shared/observability';
import { processBatch } from '../shared/sqs-batch';
import { DAILY_QUOTA_METRIC } from '../shared/catalogue';

/**
 * SQS batch of outbound requests -> rendered, sent with SES SendRawEmail, recorded on the case.
 * Concurrency is capped by the event source (sized to the SES send rate). SES throttling and a busy send
 * lease are back-pressure: the request is queued again with a delay and this record acknowledged, so
 * waiting mail never reaches the DLQ; a spent daily quota also emits `DailyQuotaExhausted` (alarmed).
 */
async function mailer(event: SQSEvent): Promise<SQSBatchResponse> {
  const deps = deliveryDeps(await container('mailer'));
  return processBatch(event, async (record) => {
    const req = OutboundRequestSchema.parse(JSON.parse(record.body));
    const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? '1') || 1;
    const outcome = await deliverOutbound(req, receiveCount, deps);
    metrics.addMetric(`Mail_${outcome}`, MetricUnit.Count, 1);
    if (outcome === 'held') metrics.addMetric(DAILY_QUOTA_METRIC, MetricUnit.Count, 1);
    logger.info('outbound processed', { tracking: req.tracking, purposeKey: req.purposeKey, outcome });
  });
}

export const handler = middy(mailer).use(injectLambdaContext(logger)).use(logMetrics(metrics));
