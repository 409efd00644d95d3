import { inMemoryAckBudget } from '../fakes/ack-counters';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectRetentionCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { MailparserMimeParser } from '../../lambdas/adapters/mime/parse';
import { processInbound } from '../../lambdas/app/intake/process-inbound';
import type { BlobStore, Queue } from '../../lambdas/core/ports';
import { createTestEnv, type TestEnv } from '../support/local-env';

const HUMAN = readFileSync(join(__dirname, '../fixtures/mail/human.eml'));
const DAY = 86_400_000;

let t: TestEnv;
beforeAll(async () => {
  t = await createTestEnv();
  process.env.POWERTOOLS_LOG_LEVEL = 'CRITICAL';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});
afterAll(() => t.dispose());

async function storeRaw(): Promise<{ key: string; sesMessageId: string }> {
  const sesMessageId = `ret${randomBytes(6).toString('hex')}`;
  const key = `inbound/${sesMessageId}`;
  // A Message-ID of its own, or intake would rightly treat the message as a redelivery of the previous one.
  const raw = HUMAN.toString('latin1').replace(/^Message-ID:.*$/im, `Message-ID: <${sesMessageId}@customer.example>`);
  await t.clients.s3.send(
    new PutObjectCommand({ Bucket: t.resources.bucket, Key: key, Body: Buffer.from(raw, 'latin1') }),
  );
  return { key, sesMessageId };
}

function sqsEvent(key: string): SQSEvent {
  const body = JSON.stringify({
    Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: t.resources.bucket }, object: { key } } }],
  });
  return { Records: [{ messageId: 'm-1', receiptHandle: 'r-1', body } as SQSEvent['Records'][number]] };
}

async function outboundDepth(): Promise<number> {
  const out = await t.clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: t.resources.queues.outbound.url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(out.Attributes?.ApproximateNumberOfMessages) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible)
  );
}

describe('raw mail retention in intake', () => {
  it('puts COMPLIANCE retention of received + retention period on the raw object (read back through the SDK)', async () => {
    const { handler } = (await import('../../lambdas/handlers/intake')) as unknown as {
      handler: (e: SQSEvent, c: Context) => Promise<SQSBatchResponse>;
    };
    const { key } = await storeRaw();
    const ctx = { functionName: 'intake', awsRequestId: 'test', getRemainingTimeInMillis: () => 60_000 } as Context;

    const res = await handler(sqsEvent(key), ctx);

    expect(res.batchItemFailures).toEqual([]);
    const head = await t.clients.s3.send(new HeadObjectCommand({ Bucket: t.resources.bucket, Key: key }));
    const got = await t.clients.s3.send(new GetObjectRetentionCommand({ Bucket: t.resources.bucket, Key: key }));
    expect(got.Retention?.Mode).toBe('COMPLIANCE');
    expect(got.Retention?.RetainUntilDate?.getTime()).toBe(
      head.LastModified!.getTime() + Number(t.env.MAIL_RETENTION_DAYS) * DAY,
    );
  });

  it('retains the raw object before it queues the acknowledgement', async () => {
    const { buildContainer } = await import('../../lambdas/shared/container');
    const c = await buildContainer('intake');
    const order: string[] = [];
    const blobs: BlobStore = {
      ...bind(c.blobs),
      getRetained: async (k, o) => (order.push('retain'), c.blobs.getRetained(k, o)),
    };
    const queue: Queue = {
      send: async (q, body, delay) => (order.push(`send:${q}`), c.queue.send(q, body, delay)),
      sendBatch: async (q, m) => (order.push(`sendBatch:${q}`), c.queue.sendBatch(q, m)),
    };

    const outcome = await processInbound(await storeRaw(), {
      ...c,
      blobs,
      queue,
      parser: new MailparserMimeParser(),
      ackBudget: inMemoryAckBudget(),
    });

    expect(outcome).toMatchObject({ kind: 'case_opened', acknowledged: true });
    expect(order[0]).toBe('retain');
    expect(order).toContain('send:outbound');
  });

  it('never acknowledges (nor records) a raw object whose retention could not be applied', async () => {
    const { buildContainer } = await import('../../lambdas/shared/container');
    const c = await buildContainer('intake');
    const queuedBefore = await outboundDepth();
    const refused = new Error('AccessDenied: s3:PutObjectRetention');
    const blobs: BlobStore = { ...bind(c.blobs), getRetained: () => Promise.reject(refused) };
    const mail = await storeRaw();

    // The rejection is the signal that processing ended; only then is "nothing happened" meaningful.
    await expect(
      processInbound(mail, { ...c, blobs, parser: new MailparserMimeParser(), ackBudget: inMemoryAckBudget() }),
    ).rejects.toBe(refused);

    expect(await c.repo.findIdempotencyKey(`SES#${mail.sesMessageId}`)).toBeUndefined();
    expect(await outboundDepth()).toBe(queuedBefore);
  });
});

/** The store's methods bound to it, so a test can replace one and keep the others. */
function bind(b: BlobStore): BlobStore {
  return {
    get: (k) => b.get(k),
    put: (k, v, ct) => b.put(k, v, ct),
    size: (k) => b.size(k),
    getRetained: (k, o) => b.getRetained(k, o),
  };
}
