import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from './observability';

/**
 * Runs `work` for each record in arrival order (the oldest customer first, DESIGN.md) and reports the
 * failed ones as partial batch failures, so SQS retries only those and finally parks them in the DLQ.
 * An error is never swallowed: a failed record is a retried record, never a lost one.
 */
export async function processBatch(
  event: SQSEvent,
  work: (record: SQSRecord) => Promise<void>,
): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchItemFailure[] = [];
  for (const record of event.Records) {
    try {
      await work(record);
    } catch (err) {
      logger.error('record failed; SQS will redeliver it', {
        messageId: record.messageId, receiveCount: record.attributes?.ApproximateReceiveCount, error: err as Error,
      });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
