import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/**
 * Moves every message from a dead-letter queue back to its source queue (what
 * `aws sqs start-message-move-task --source-arn <dlq arn>` does on AWS; the SQS emulator lacks that API).
 * Messages are sent before they are deleted, so a crash in between duplicates, never loses: the
 * handlers are idempotent.
 */
export async function redrive(
  sqs: SQSClient,
  dlqUrl: string,
  sourceUrl: string,
  onProgress?: (moved: number) => void,
): Promise<number> {
  let moved = 0;
  for (;;) {
    const got = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: dlqUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        VisibilityTimeout: 30,
        MessageAttributeNames: ['All'],
      }),
    );
    const messages = got.Messages ?? [];
    if (messages.length === 0) return moved;
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: sourceUrl,
        Entries: messages.map((m, i) => ({
          Id: String(i),
          MessageBody: m.Body ?? '',
          ...(m.MessageAttributes ? { MessageAttributes: m.MessageAttributes } : {}),
        })),
      }),
    );
    if (sent.Failed?.length)
      throw new Error(
        `redrive: ${sent.Failed.length} message(s) could not be sent back: ${sent.Failed.map((f) => f.Message).join('; ')}`,
      );
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: dlqUrl,
        Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
    moved += messages.length;
    onProgress?.(moved);
  }
}
