import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueDepthGauge } from '../core/send-budget';

/**
 * Queue depth from SQS GetQueueAttributes (approximate on AWS): visible, in flight and delayed
 * messages, since a deferred message waits as a delayed one. Needs only `sqs:GetQueueAttributes`, which
 * a function sending to the queue is granted with `sqs:SendMessage`.
 */
export class SqsQueueDepth implements QueueDepthGauge {
  constructor(
    private readonly sqs: SQSClient,
    private readonly urls: Readonly<Partial<Record<'outbound' | 'outbound-bulk', string>>>,
  ) {}

  async depth(queue: 'outbound' | 'outbound-bulk'): Promise<number> {
    const url = this.urls[queue];
    if (!url) throw new Error(`no URL for the ${queue} queue: this function is not configured to send to it`);
    const out = await this.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: [
          'ApproximateNumberOfMessages',
          'ApproximateNumberOfMessagesNotVisible',
          'ApproximateNumberOfMessagesDelayed',
        ],
      }),
    );
    const a = out.Attributes ?? {};
    return (
      Number(a.ApproximateNumberOfMessages ?? 0) +
      Number(a.ApproximateNumberOfMessagesNotVisible ?? 0) +
      Number(a.ApproximateNumberOfMessagesDelayed ?? 0)
    );
  }
}
