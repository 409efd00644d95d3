import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { QueueName } from '../../local/resources';
import { eventually } from './eventually';
import type { TestEnv } from './local-env';

/** What a queue holds: ready to receive, received and not yet deleted (in flight), and not yet due (delayed). */
export interface QueueDepth {
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
}

/** The queue's counts as SQS reports them (`ApproximateNumberOf*`; exact on the local emulator). */
export async function queueDepth(t: TestEnv, queueUrl: string): Promise<QueueDepth> {
  const out = await t.clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  const n = (
    name:
      'ApproximateNumberOfMessages' | 'ApproximateNumberOfMessagesNotVisible' | 'ApproximateNumberOfMessagesDelayed',
  ) => Number(out.Attributes?.[name] ?? 0);
  return {
    visible: n('ApproximateNumberOfMessages'),
    inFlight: n('ApproximateNumberOfMessagesNotVisible'),
    delayed: n('ApproximateNumberOfMessagesDelayed'),
  };
}

/** Every message a queue holds, whatever its state. */
export async function queueTotal(t: TestEnv, queueUrl: string): Promise<number> {
  const d = await queueDepth(t, queueUrl);
  // The emulator counts in-flight messages in `ApproximateNumberOfMessages` too; real SQS does not.
  return Math.max(d.visible, d.inFlight) + d.delayed;
}

export interface DrainOptions {
  /** Queues that must be empty (default inbound and both outbound lanes: timers legitimately hold delayed deadlines). */
  readonly queues?: readonly QueueName[];
  readonly timeoutMs?: number;
  readonly description?: string;
}

/**
 * Waits until the pipeline has nothing left to do: the given work queues hold no message, visible, in flight or
 * delayed. Each handler enqueues its follow-ups before its poller deletes the message it was handed, so an empty
 * set of queues means every piece of work has finished (its effects are written) and none is about to start:
 * the positive signal after which "nothing else happened" may be asserted. What failed for good is in the DLQs.
 */
export async function waitForDrain(t: TestEnv, opts: DrainOptions = {}): Promise<void> {
  const queues = opts.queues ?? ['inbound', 'outbound', 'outbound-bulk'];
  await eventually(
    async () => {
      const depths = await Promise.all(
        queues.map(async (q) => [q, await queueTotal(t, t.resources.queues[q].url)] as const),
      );
      expect(Object.fromEntries(depths)).toEqual(Object.fromEntries(queues.map((q) => [q, 0])));
    },
    { timeoutMs: opts.timeoutMs ?? 15_000, intervalMs: 100, description: opts.description ?? 'the queues drain' },
  );
}

/** Messages parked in each queue's dead-letter queue. */
export async function deadLetters<Q extends QueueName>(t: TestEnv, queues: readonly Q[]): Promise<Record<Q, number>> {
  const depths = await Promise.all(
    queues.map(async (q) => [q, await queueTotal(t, t.resources.queues[q].dlqUrl)] as const),
  );
  return Object.fromEntries(depths) as Record<Q, number>;
}
