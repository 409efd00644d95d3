import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { MailparserMimeParser } from '../adapters/mime/parse';
import { processInbound } from '../app/intake/process-inbound';
import { container } from '../shared/container';
import { logger, metrics, MetricUnit } from '../shared/observability';
import { processBatch } from '../shared/sqs-batch';
import { storedMailFromSqsBody } from './schemas/s3-notification';

const parser = new MailparserMimeParser();

/** SQS batch of S3 "raw mail stored" notifications -> case, threaded message or quarantine. */
async function intake(event: SQSEvent): Promise<SQSBatchResponse> {
  const deps = { ...(await container('intake')), parser, attachments: parser };
  return processBatch(event, async (record) => {
    for (const mail of storedMailFromSqsBody(record.body)) {
      const outcome = await processInbound({ key: mail.key, sesMessageId: mail.sesMessageId }, deps);
      metrics.addMetric(`Intake_${outcome.kind}`, MetricUnit.Count, 1);
      logger.info('inbound processed', { sesMessageId: mail.sesMessageId, ...outcome });
    }
  });
}

export const handler = middy(intake).use(injectLambdaContext(logger)).use(logMetrics(metrics));
