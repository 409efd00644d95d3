import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event, SQSEvent } from 'aws-lambda';
import { createTransport, type Transporter } from 'nodemailer';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { startPipeline, type Pipeline } from '../support/local-pipeline';
import { waitForDrain } from '../support/queues';

/** Collects every SQS event the intake poller delivers (stands in for the intake handler of part 2). */
function recordingHandler(): {
  events: SQSEvent[];
  handler: (e: SQSEvent) => Promise<void>;
  next(): Promise<SQSEvent>;
} {
  const events: SQSEvent[] = [];
  let waiters: Array<(e: SQSEvent) => void> = [];
  return {
    events,
    handler: async (e) => {
      events.push(e);
      waiters.forEach((w) => w(e));
      waiters = [];
    },
    next: () => new Promise((resolve) => waiters.push(resolve)),
  };
}

describe('SMTP intake playing SES receiving', () => {
  let t: TestEnv;
  let pipeline: Pipeline;
  const recorder = recordingHandler();

  beforeAll(async () => {
    t = await createTestEnv();
    pipeline = await startPipeline(t, { intake: recorder.handler, smtpMaxBytes: 64 * 1024 });
  });
  afterAll(async () => {
    await pipeline.stop();
    t.dispose();
  });

  const transport = (): Transporter =>
    createTransport({ host: '127.0.0.1', port: pipeline.smtpPort, secure: false, ignoreTLS: true });

  it('stores the raw mail in S3 and delivers the S3 ObjectCreated notification to the inbound handler as an SQS event', async () => {
    const delivered = recorder.next();
    const info = await transport().sendMail({
      from: 'Bob <bob@customer.test>',
      to: 'support+ab12@exchange.example',
      subject: 'Withdrawal stuck',
      text: 'My withdrawal is pending.',
    });
    const event = await delivered;

    expect(event.Records).toHaveLength(1);
    const record = event.Records[0]!;
    expect(record).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: t.resources.queues.inbound.arn,
      awsRegion: 'us-east-1',
    });
    expect(record.attributes.ApproximateReceiveCount).toBe('1');
    const s3Event = JSON.parse(record.body) as S3Event;
    const s3 = s3Event.Records[0]!;
    expect(s3).toMatchObject({
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      awsRegion: 'us-east-1',
      eventVersion: '2.1',
    });
    expect(s3.s3.bucket.name).toBe(t.resources.bucket);
    expect(s3.s3.object.key).toMatch(/^inbound\/[a-z0-9]{40}$/);
    expect(info.response).toContain(s3.s3.object.key.slice('inbound/'.length));

    const stored = await t.clients.s3.send(new GetObjectCommand({ Bucket: s3.s3.bucket.name, Key: s3.s3.object.key }));
    const raw = Buffer.from(await stored.Body!.transformToByteArray()).toString('utf8');
    expect(s3.s3.object.size).toBe(Buffer.byteLength(raw));
    expect(raw.startsWith('Return-Path: <bob@customer.test>\r\n')).toBe(true);
    expect(raw).toMatch(/^X-SES-Spam-Verdict: PASS\r$/m);
    expect(raw).toMatch(/^X-SES-Virus-Verdict: PASS\r$/m);
    // Computed for real against the default local zone (SPF allows 127.0.0.1; a DMARC record exists).
    expect(raw).toMatch(/^Received-SPF: pass /m);
    expect(raw).toMatch(/^Authentication-Results: amazonses\.com;[^]*?dmarc=pass [^;]*header\.from=customer\.test/m);
    expect(raw).toContain(`Message-ID: ${info.messageId}`);
    expect(raw).toContain('Subject: Withdrawal stuck');
    expect(raw).toContain('My withdrawal is pending.');
  });

  it('rejects recipients outside our domains with 550 and stores nothing', async () => {
    const before = recorder.events.length;
    await expect(
      transport().sendMail({ from: 'bob@customer.test', to: 'someone@elsewhere.test', subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550 });
    // The intake stores and enqueues before it answers DATA; a refused RCPT never gets that far, so an empty
    // inbound queue now means nothing was or will be delivered.
    await waitForDrain(t, { queues: ['inbound'], description: 'the inbound queue is empty' });
    expect(recorder.events.length).toBe(before);
  });

  it('rejects a message over the size limit with 552', async () => {
    await expect(
      transport().sendMail({
        from: 'bob@customer.test',
        to: 'support@exchange.example',
        subject: 'big',
        text: 'x'.repeat(100 * 1024),
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
  });
});
