import { ValidationError } from '../../lambdas/core/errors';
import type { Queue, QueueName } from '../../lambdas/core/ports';
import { stored } from './copy';

/** SQS's upper bound for DelaySeconds (the real adapter refuses more, so the fake does too). */
const MAX_DELAY_SECONDS = 900;

export interface QueuedMessage {
  readonly queue: QueueName;
  /** The body as the consumer will see it: JSON-serialised and parsed back. */
  readonly body: unknown;
  readonly delaySeconds: number;
}

/** Records what use cases enqueue; tests take the messages out and hand them to the next use case. */
export class InMemoryQueue implements Queue {
  readonly sent: QueuedMessage[] = [];
  /** Fails the next N sends (a throttled SQS), to test that nothing is lost when enqueueing fails. */
  failNext = 0;

  async send(queue: QueueName, body: unknown, delaySeconds = 0): Promise<void> {
    await this.sendBatch(queue, [{ body, delaySeconds }]);
  }

  async sendBatch(queue: QueueName, messages: readonly { body: unknown; delaySeconds?: number }[]): Promise<void> {
    for (const m of messages) checkDelay(m.delaySeconds ?? 0);
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw Object.assign(new Error('injected: SQS throttled the request'), { name: 'RequestThrottled' });
    }
    for (const m of messages) this.sent.push({ queue, body: stored(m.body), delaySeconds: m.delaySeconds ?? 0 });
  }

  /** Bodies sent to `queue`, oldest first. */
  bodies<T = unknown>(queue: QueueName): T[] {
    return this.sent.filter((m) => m.queue === queue).map((m) => m.body as T);
  }

  /** Removes and returns what was sent to `queue` (a consumer receiving and deleting it). */
  take<T = unknown>(queue: QueueName): QueuedMessage[] & { body: T }[] {
    const taken = this.sent.filter((m) => m.queue === queue);
    this.sent.splice(0, this.sent.length, ...this.sent.filter((m) => m.queue !== queue));
    return taken as QueuedMessage[] & { body: T }[];
  }
}

function checkDelay(delaySeconds: number): void {
  if (!Number.isInteger(delaySeconds) || delaySeconds < 0 || delaySeconds > MAX_DELAY_SECONDS)
    throw new ValidationError(`delaySeconds must be an integer from 0 to ${MAX_DELAY_SECONDS}, got ${delaySeconds}`);
}
