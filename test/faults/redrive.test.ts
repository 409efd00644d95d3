import { randomBytes } from 'node:crypto';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoCaseRepository } from '../../lambdas/adapters/dynamodb/case-repository';
import { redrive } from '../../local/redrive';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { startPipeline, type Pipeline } from '../support/local-pipeline';
import { eventually } from '../support/eventually';
import { deadLetters } from '../support/queues';
import { waitForMails } from '../support/ses-inbox';
import { sesReceiptBlock } from '../support/ses-verdicts';

let t: TestEnv;
let p: Pipeline;

beforeAll(async () => {
  t = await createTestEnv({ visibilityTimeoutSeconds: 1, maxReceiveCount: 3 });
  process.env.POWERTOOLS_LOG_LEVEL = 'CRITICAL';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  p = await startPipeline(t, { intake: 'module', mailer: 'module', smtp: false });
}, 60_000);
afterAll(async () => {
  await p.stop();
  t.dispose();
});

describe('dead letters and redrive', () => {
  it('parks a notification whose raw mail is missing after the retries, and the redrive processes it once the mail is there', async () => {
    const id = randomBytes(10).toString('hex');
    const key = `inbound/${id}`;
    const body = JSON.stringify({
      Records: [
        {
          eventName: 'ObjectCreated:Put',
          eventSource: 'aws:s3',
          awsRegion: 'us-east-1',
          s3: { bucket: { name: t.resources.bucket }, object: { key, size: 100 } },
        },
      ],
    });
    await t.clients.sqs.send(new SendMessageCommand({ QueueUrl: t.resources.queues.inbound.url, MessageBody: body }));

    await eventually(async () => expect(await deadLetters(t, ['inbound'])).toEqual({ inbound: 1 }), {
      timeoutMs: 30_000,
      intervalMs: 250,
      description: 'the notification is parked in the inbound DLQ after its retries',
    });

    const customer = `late-${randomBytes(3).toString('hex')}@customer.example`;
    const raw = `${sesReceiptBlock(customer)}From: ${customer}\r\nTo: support@exchange.example\r\nSubject: Fees question\r\nMessage-ID: <${id}@customer.example>\r\n\r\nWhy was I charged a fee twice?\r\n`;
    await t.clients.s3.send(new PutObjectCommand({ Bucket: t.resources.bucket, Key: key, Body: raw }));
    const moved = await redrive(t.clients.sqs, t.resources.queues.inbound.dlqUrl, t.resources.queues.inbound.url);
    expect(moved).toBe(1);

    const [ack] = await waitForMails(t, customer);
    expect(ack!.subject).toContain('Fees question');
    const repo = new DynamoCaseRepository(t.clients.doc, t.resources.tableName);
    expect((await repo.queryCases({ customer, limit: 5 })).items).toHaveLength(1);
    expect(await deadLetters(t, ['inbound'])).toEqual({ inbound: 0 });
  }, 60_000);
});
