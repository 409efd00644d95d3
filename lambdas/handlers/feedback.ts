import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { recordDeliveryFeedback } from '../app/feedback/record-delivery-feedback';
import { container } from '../shared/container';
import { logger, metrics, MetricUnit } from '../shared/observability';
import { processBatch } from '../shared/sqs-batch';
import { feedbackFromSqsBody } from './schemas/ses-feedback';

/** SES bounce/complaint events (configuration set -> SNS -> SQS) -> case annotations and suppression. */
async function feedback(event: SQSEvent): Promise<SQSBatchResponse> {
  const deps = await container('feedback');
  return processBatch(event, async (record) => {
    const fb = feedbackFromSqsBody(record.body);
    const outcome = await recordDeliveryFeedback(fb, deps);
    metrics.addMetric(`Feedback_${fb.kind}_${outcome}`, MetricUnit.Count, 1);
    // No recipients or diagnostic text in logs: they are customer addresses.
    logger.info('delivery feedback', { kind: fb.kind, permanent: fb.permanent, outcome });
  });
}

export const handler = middy(feedback).use(injectLambdaContext(logger)).use(logMetrics(metrics));
