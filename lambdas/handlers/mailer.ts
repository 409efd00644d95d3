import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { sendOutbound } from '../app/mailer/send-outbound';
import { OutboundRequestSchema } from '../core/outbound-request';
import { container } from '../shared/container';
import { mailerDeps } from '../shared/mailer-wiring';
import { logger, metrics, MetricUnit } from '../shared/observability';
import { processBatch } from '../shared/sqs-batch';

/**
 * SQS batch of outbound requests -> rendered, sent with SES SendRawEmail, recorded on the case.
 * Concurrency is capped by the event source (sized to the SES send rate); SES throttling throws, so the
 * record is retried after its visibility timeout instead of being lost.
 */
async function mailer(event: SQSEvent): Promise<SQSBatchResponse> {
  const deps = mailerDeps(await container('mailer'));
  return processBatch(event, async (record) => {
    const req = OutboundRequestSchema.parse(JSON.parse(record.body));
    const outcome = await sendOutbound(req, deps);
    metrics.addMetric(`Mail_${outcome}`, MetricUnit.Count, 1);
    logger.info('outbound processed', { tracking: req.tracking, purposeKey: req.purposeKey, outcome });
  });
}

export const handler = middy(mailer).use(injectLambdaContext(logger)).use(logMetrics(metrics));
