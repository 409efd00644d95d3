import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { SqsQueue } from '../../lambdas/adapters/sqs-queue';
import { ValidationError } from '../../lambdas/core/errors';
import type { QueueName } from '../../lambdas/core/ports';
import { queueContract } from '../contracts/queue.contract';
import { eventually } from '../support/eventually';
import { createTestEnv, type TestEnv } from '../support/local-env';

let t: TestEnv;
let queue: SqsQueue;
beforeAll(async () => {
  t = await createTestEnv();
  queue = new SqsQueue(t.clients.sqs, {
    outbound: t.resources.queues.outbound.url,
    timers: t.resources.queues.timers.url,
  });
});
afterAll(() => t.dispose());

async function drain(url: string): Promise<unknown[]> {
  const bodies: unknown[] = [];
  for (let i = 0; i < 5; i++) {
    const out = await t.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    bodies.push(...(out.Messages ?? []).map((m) => JSON.parse(m.Body!)));
  }
  return bodies;
}

describe('SqsQueue against the SQS emulator', () => {
  it("sends a batch larger than SQS allows per request, honouring each message's delay", async () => {
    const messages = Array.from({ length: 13 }, (_, i) => ({ body: { n: i }, delaySeconds: i % 2 ? 2 : 0 }));
    await queue.sendBatch('timers', messages);
    const now = await drain(t.resources.queues.timers.url);
    expect(now.map((b) => (b as { n: number }).n).sort((a, b) => a - b)).toEqual([0, 2, 4, 6, 8, 10, 12]);
    const later: unknown[] = [];
    await eventually(
      async () => {
        later.push(...(await drain(t.resources.queues.timers.url)));
        expect(later.map((b) => (b as { n: number }).n).sort((a, b) => a - b)).toEqual([1, 3, 5, 7, 9, 11]);
      },
      { intervalMs: 250, description: 'the delayed half becomes visible' },
    );
  });

  it("refuses a delay beyond SQS's 900 seconds before sending anything", async () => {
    await expect(queue.send('outbound', { x: 1 }, 901)).rejects.toBeInstanceOf(ValidationError);
    await expect(
      queue.sendBatch('outbound', [{ body: { x: 1 } }, { body: { x: 2 }, delaySeconds: 1000 }]),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await drain(t.resources.queues.outbound.url)).toEqual([]);
  });
});

queueContract('SQS emulator', () => ({
  queue,
  async receiveAll(name: QueueName, expectedAtLeast: number) {
    const url = t.resources.queues[name].url;
    const bodies: unknown[] = [];
    await eventually(
      async () => {
        bodies.push(...(await drain(url)));
        expect(bodies.length).toBeGreaterThanOrEqual(expectedAtLeast);
      },
      { intervalMs: 100, description: `${expectedAtLeast} message(s) on ${name}` },
    );
    // One more pass: whatever else is visible (a message that should not have been sent) is reported too.
    return [...bodies, ...(await drain(url))];
  },
}));
