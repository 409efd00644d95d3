import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { LOCAL_REGION } from '../../local/local-aws';
import { silentLogger } from '../../local/log';
import { startPoller } from '../../local/pollers';
import { eventually } from '../support/eventually';
import { createTestEnv, type TestEnv } from '../support/local-env';

const waitFor = (what: string, check: () => Promise<boolean> | boolean): Promise<void> =>
  eventually(async () => expect(await check()).toBe(true), { description: what });

describe('queue pollers', () => {
  let t: TestEnv;
  // Visibility 1 s and two receives before the DLQ keep redelivery observable in a few seconds.
  beforeAll(async () => {
    t = await createTestEnv({ visibilityTimeoutSeconds: 1, maxReceiveCount: 2 });
  });
  afterAll(() => t.dispose());

  const approximateCount = async (url: string): Promise<number> => {
    const out = await t.clients.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return (
      Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) +
      Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
    );
  };

  it('redelivers only the records a handler reports as failed, and parks them in the DLQ at maxReceiveCount', async () => {
    const q = t.resources.queues.outbound;
    const deliveries: Array<{ body: string; receiveCount: string }> = [];
    const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
      for (const r of event.Records)
        deliveries.push({ body: r.body, receiveCount: r.attributes.ApproximateReceiveCount });
      return {
        batchItemFailures: event.Records.filter((r) => r.body === 'poison').map((r) => ({
          itemIdentifier: r.messageId,
        })),
      };
    };
    await t.clients.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: q.url,
        Entries: [
          { Id: 'a', MessageBody: 'good-1' },
          { Id: 'b', MessageBody: 'poison' },
          { Id: 'c', MessageBody: 'good-2' },
        ],
      }),
    );
    const poller = startPoller({
      sqs: t.clients.sqs,
      queueUrl: q.url,
      queueArn: q.arn,
      region: LOCAL_REGION,
      functionName: 'mailer',
      handler,
      log: silentLogger(),
      idleMs: 50,
    });
    try {
      await waitFor('the poison message in the DLQ', async () => (await approximateCount(q.dlqUrl)) === 1);
    } finally {
      await poller.stop();
    }

    expect(deliveries.filter((d) => d.body === 'good-1')).toHaveLength(1);
    expect(deliveries.filter((d) => d.body === 'good-2')).toHaveLength(1);
    expect(deliveries.filter((d) => d.body === 'poison').map((d) => d.receiveCount)).toEqual(['1', '2']);
    expect(await approximateCount(q.url)).toBe(0);
    const parked = await t.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: q.dlqUrl, WaitTimeSeconds: 0 }));
    expect(parked.Messages?.map((m) => m.Body)).toEqual(['poison']);
  });

  it('retries the whole batch when the handler throws', async () => {
    const q = t.resources.queues.timers;
    const seen: string[] = [];
    let calls = 0;
    const handler = async (event: SQSEvent): Promise<void> => {
      calls += 1;
      for (const r of event.Records) seen.push(`${r.body}#${r.attributes.ApproximateReceiveCount}`);
      if (calls === 1) throw new Error('DynamoDB throttled');
    };
    await t.clients.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: q.url,
        Entries: [
          { Id: 'a', MessageBody: 'x' },
          { Id: 'b', MessageBody: 'y' },
        ],
      }),
    );
    const log = silentLogger();
    const poller = startPoller({
      sqs: t.clients.sqs,
      queueUrl: q.url,
      queueArn: q.arn,
      region: LOCAL_REGION,
      functionName: 'timers',
      handler,
      log,
      idleMs: 50,
    });
    try {
      await waitFor('both messages redelivered', () => seen.filter((s) => s.endsWith('#2')).length === 2);
      await waitFor('the queue to drain', async () => (await approximateCount(q.url)) === 0);
    } finally {
      await poller.stop();
    }
    expect(seen.sort()).toEqual(['x#1', 'x#2', 'y#1', 'y#2']);
    expect(log.errors.some((e) => e.includes('DynamoDB throttled'))).toBe(true);
  });

  it('treats a failure report naming an unknown message id as a failure of the whole batch', async () => {
    const q = t.resources.queues.inbound;
    const seen: string[] = [];
    const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
      for (const r of event.Records) seen.push(r.attributes.ApproximateReceiveCount);
      return r(seen.length === 1 ? [{ itemIdentifier: 'not-in-this-batch' }] : []);
    };
    const r = (failures: SQSBatchResponse['batchItemFailures']): SQSBatchResponse => ({ batchItemFailures: failures });
    await t.clients.sqs.send(
      new SendMessageBatchCommand({ QueueUrl: q.url, Entries: [{ Id: 'a', MessageBody: 'only' }] }),
    );
    const poller = startPoller({
      sqs: t.clients.sqs,
      queueUrl: q.url,
      queueArn: q.arn,
      region: LOCAL_REGION,
      functionName: 'intake',
      handler,
      log: silentLogger(),
      idleMs: 50,
    });
    try {
      await waitFor('a second delivery', () => seen.length === 2);
    } finally {
      await poller.stop();
    }
    expect(seen).toEqual(['1', '2']);
  });
});
