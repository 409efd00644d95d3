import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** SQS redrives after this many failed receives; enough for throttling retries, few enough to park poison fast. */
export const MAX_RECEIVE_COUNT = 5;

/** The longest SQS retention (AWS limit): a dead letter waits two weeks for a human to redrive it. */
export const DLQ_RETENTION = Duration.days(14);

/** Lambda's rule for SQS event sources: queue visibility at least 6x the function timeout. */
export const VISIBILITY_TO_TIMEOUT_RATIO = 6;

export interface WorkQueueProps {
  /** Customer-managed key for both the queue and its dead-letter queue. */
  readonly encryptionKey: kms.IKey;
  /** Timeout of the function that consumes the queue; visibility is set to 6x it. */
  readonly consumerTimeout: Duration;
  /**
   * How long an unprocessed message stays on the main queue.
   * @default Duration.days(4)
   */
  readonly retentionPeriod?: Duration;
}

/**
 * A work queue with its dead-letter queue: KMS (customer-managed key), TLS-only policies on both,
 * redrive after {@link MAX_RECEIVE_COUNT} receives, 14-day DLQ retention. SQS delivers at least once and
 * a failure is parked, never dropped (docs/architecture.md, "Why queues between every step").
 */
export class WorkQueue extends Construct {
  public readonly queue: sqs.Queue;
  public readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetter', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
      retentionPeriod: DLQ_RETENTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      dataKeyReuse: Duration.hours(1),
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * VISIBILITY_TO_TIMEOUT_RATIO),
      retentionPeriod: props.retentionPeriod ?? Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
  }
}
