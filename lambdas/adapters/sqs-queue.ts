import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { ValidationError } from '../core/errors';
import type { Queue, QueueName } from '../core/ports';

/** SQS's upper bound for DelaySeconds; longer waits are re-enqueued by the timer handler. */
export const MAX_DELAY_SECONDS = 900;

export class SqsQueue implements Queue {
  constructor(private readonly sqs: SQSClient, private readonly urls: Readonly<Record<QueueName, string>>) {}

  async send(queue: QueueName, body: unknown, delaySeconds = 0): Promise<void> {
    if (!Number.isInteger(delaySeconds) || delaySeconds < 0 || delaySeconds > MAX_DELAY_SECONDS) {
      throw new ValidationError(`delaySeconds must be an integer from 0 to ${MAX_DELAY_SECONDS}, got ${delaySeconds}`);
    }
    await this.sqs.send(new SendMessageCommand({
      QueueUrl: this.urls[queue], MessageBody: JSON.stringify(body), DelaySeconds: delaySeconds,
    }));
  }
}
