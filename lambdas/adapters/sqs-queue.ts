import { SendMessageBatchCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { ValidationError } from '../core/errors';
import type { Queue, QueueName } from '../core/ports';

/** SQS's upper bound for DelaySeconds; longer waits are re-enqueued by the timer handler. */
export const MAX_DELAY_SECONDS = 900;

export class SqsQueue implements Queue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly urls: Readonly<Partial<Record<QueueName, string>>>,
  ) {}

  /** A function is given only the queues it may send to; sending elsewhere is a wiring bug. */
  private url(queue: QueueName): string {
    const url = this.urls[queue];
    if (!url) throw new Error(`no URL for the ${queue} queue: this function is not configured to send to it`);
    return url;
  }

  async send(queue: QueueName, body: unknown, delaySeconds = 0): Promise<void> {
    checkDelay(delaySeconds);
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.url(queue),
        MessageBody: JSON.stringify(body),
        DelaySeconds: delaySeconds,
      }),
    );
  }

  async sendBatch(queue: QueueName, messages: readonly { body: unknown; delaySeconds?: number }[]): Promise<void> {
    // All delays are checked before the first request, so a bad one late in the list sends nothing.
    messages.forEach((m) => checkDelay(m.delaySeconds ?? 0));
    for (let i = 0; i < messages.length; i += MAX_BATCH) {
      const chunk = messages.slice(i, i + MAX_BATCH);
      const out = await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: this.url(queue),
          Entries: chunk.map((m, j) => ({
            Id: String(j),
            MessageBody: JSON.stringify(m.body),
            DelaySeconds: m.delaySeconds ?? 0,
          })),
        }),
      );
      // A batch can partly fail; the caller's retry (SQS redelivery) re-sends all, which is idempotent downstream.
      if (out.Failed?.length)
        throw new Error(
          `SQS refused ${out.Failed.length} of ${chunk.length} messages: ${out.Failed.map((f) => f.Code).join(', ')}`,
        );
    }
  }
}

/** SendMessageBatch takes at most 10 entries. */
const MAX_BATCH = 10;

function checkDelay(delaySeconds: number): void {
  if (!Number.isInteger(delaySeconds) || delaySeconds < 0 || delaySeconds > MAX_DELAY_SECONDS) {
    throw new ValidationError(`delaySeconds must be an integer from 0 to ${MAX_DELAY_SECONDS}, got ${delaySeconds}`);
  }
}
