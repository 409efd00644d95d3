import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { failExportJob, runExportJob } from '../app/records/run-export-job';
import { exportsDeps } from '../shared/exports-deps';
import { logger, metrics, MetricUnit } from '../shared/observability';
import { processBatch } from '../shared/sqs-batch';
import { ExportJobMessageSchema } from './schemas/export-job-message';

/** Deliveries after which a failing job is marked failed (the queue's redrive then parks the message). */
const LAST_ATTEMPT = 5;

/**
 * SQS (one message a batch) -> one invocation's share of an export job: resumes from the job's
 * checkpoint and writes pages until done, or until the time limit nears and it queues its continuation.
 * A failure throws, so SQS retries from the checkpoint; on the last attempt the job shows as failed.
 */
async function exportsWorker(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  const deps = await exportsDeps();
  return processBatch(
    event,
    async (record) => {
      const { jobId } = ExportJobMessageSchema.parse(JSON.parse(record.body));
      try {
        const outcome = await runExportJob(jobId, deps, {
          remainingMs: () => context.getRemainingTimeInMillis(),
          holder: `${context.awsRequestId}/${record.messageId}`,
        });
        metrics.addMetric(`ExportJob_${outcome}`, MetricUnit.Count, 1);
        logger.info('export job worked', { jobId, outcome });
      } catch (err) {
        if (Number(record.attributes?.ApproximateReceiveCount ?? 1) >= LAST_ATTEMPT)
          await failExportJob(jobId, (err as Error).message ?? String(err), deps);
        throw err;
      }
    },
    1,
  );
}

export const handler = middy(exportsWorker).use(injectLambdaContext(logger)).use(logMetrics(metrics));
