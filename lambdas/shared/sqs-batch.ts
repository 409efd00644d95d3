import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from './observability';

/**
 * Records of one batch worked on at once. A batch is taken in arrival order (the oldest customer first,
 * docs/architecture.md) and finished before the next; inside it, records are independent: two mails of one thread
 * cannot share a batch (a reply needs our acknowledgement first), and writes to one case are serialised
 * by its version check and retried.
 */
export const DEFAULT_BATCH_CONCURRENCY = 10;

/**
 * Runs `work` for each record and reports the failed ones as partial batch failures, so SQS retries only
 * those and finally parks them in the DLQ. An error is never swallowed: a failed record is a retried
 * record, never a lost one.
 */
export async function processBatch(
  event: SQSEvent,
  work: (record: SQSRecord) => Promise<void>,
  concurrency = DEFAULT_BATCH_CONCURRENCY,
): Promise<SQSBatchResponse> {
  const failed = new Set<string>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < event.Records.length) {
      const record = event.Records[next++]!;
      try {
        await work(record);
      } catch (err) {
        logger.error('record failed; SQS will redeliver it', {
          messageId: record.messageId,
          receiveCount: record.attributes?.ApproximateReceiveCount,
          error: err as Error,
        });
        failed.add(record.messageId);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, event.Records.length)) }, worker));
  // Reported in the batch's own order, as SQS expects.
  const batchItemFailures: SQSBatchItemFailure[] = event.Records.filter((r) => failed.has(r.messageId)).map((r) => ({
    itemIdentifier: r.messageId,
  }));
  return { batchItemFailures };
}
