import { randomBytes } from 'node:crypto';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import nodemailer from 'nodemailer';
import { DynamoCaseRepository } from '../../lambdas/adapters/dynamodb/case-repository';
import { injectFaults, type FaultStats } from '../support/faults';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { startPipeline, type Pipeline } from '../support/local-pipeline';
import { deadLetters, waitForDrain } from '../support/queues';
import { mailsTo } from '../support/ses-inbox';

/**
 * AWS under a market-crash surge: every service throttles a share of calls. The SDK retries, SQS
 * redelivers what still fails, and the idempotent handlers must turn that into exactly one case and one
 * acknowledgement per mail, with nothing parked in a dead-letter queue (these faults are transient).
 */
const RATE = 0.2;
const MAILS = 24;
/** Only a hung pipeline gets near this; under this test's load everything drains in well under a minute. */
const DRAIN_BOUND_MS = 240_000;

let t: TestEnv;
let p: Pipeline;
const faults: Array<{ name: string; stats: FaultStats; remove(): void }> = [];

beforeAll(async () => {
  // Longer than the slowest throttled attempt (throttling backoff starts at 500 ms per retry); a shorter one
  // lets SQS hand a message still being processed to a second poller and count it toward the DLQ.
  t = await createTestEnv({ visibilityTimeoutSeconds: 10 });
  process.env.POWERTOOLS_LOG_LEVEL = process.env.FAULT_LOG_LEVEL ?? 'CRITICAL';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  // The handlers' own per-container clients: the same module instance the in-process pollers invoke.
  const { clients } = await import('../../lambdas/shared/clients');
  const c = clients();
  faults.push({ name: 'dynamodb', ...injectFaults(c.dynamo, { rate: RATE, errorName: 'ThrottlingException' }) });
  faults.push({ name: 'sqs', ...injectFaults(c.sqs, { rate: RATE, errorName: 'RequestThrottled' }) });
  faults.push({ name: 's3', ...injectFaults(c.s3, { rate: RATE, kind: 'server', errorName: 'SlowDown' }) });
  faults.push({ name: 'ses', ...injectFaults(c.ses, { rate: RATE, errorName: 'Throttling' }) });
  p = await startPipeline(t, { intake: 'module', mailer: 'module' });
}, 60_000);

afterAll(async () => {
  for (const f of faults) f.remove();
  await p.stop();
  t.dispose();
});

describe('fault injection: DynamoDB, SQS, S3 and SES throttling at 20% of calls', () => {
  it(
    'still gives every mail exactly one case and one acknowledgement, and parks nothing in a DLQ',
    async () => {
      const senders = Array.from(
        { length: MAILS },
        (_, i) => `surge${i}-${randomBytes(3).toString('hex')}@customer.example`,
      );
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: p.smtpPort,
        secure: false,
        ignoreTLS: true,
        pool: true,
      });
      await Promise.all(
        senders.map((from, i) =>
          transport.sendMail({
            from,
            to: 'support@exchange.example',
            subject: `Withdrawal ${i} pending`,
            text: `My withdrawal number ${i} has been pending for hours.`,
          }),
        ),
      );
      transport.close();

      // Done is when no work is left, in any state (visible, in flight between retries, or delayed): however long
      // retries take on a loaded machine. The bound only catches a pipeline that never drains.
      await waitForDrain(t, { timeoutMs: DRAIN_BOUND_MS, description: 'intake and mailer finish every mail' });

      const repo = new DynamoCaseRepository(t.clients.doc, t.resources.tableName);
      for (const s of senders) {
        expect(await mailsTo(t, s)).toHaveLength(1);
        expect((await repo.queryCases({ customer: s, limit: 5 })).items).toHaveLength(1);
      }
      const parked = await deadLetters(t, ['inbound', 'outbound']);
      if (parked.inbound + parked.outbound > 0) {
        for (const q of ['inbound', 'outbound'] as const) {
          const got = await t.clients.sqs.send(
            new ReceiveMessageCommand({
              QueueUrl: t.resources.queues[q].dlqUrl,
              MaxNumberOfMessages: 10,
              AttributeNames: ['All'],
            }),
          );
          for (const m of got.Messages ?? [])
            console.log(`parked in ${q} DLQ: ${m.Body} ${JSON.stringify(m.Attributes)}`);
        }
      }
      expect(parked).toEqual({ inbound: 0, outbound: 0 });
      // The faults really happened, in every service.
      for (const f of faults) expect(f.stats.injected).toBeGreaterThan(0);
      console.log(`faults injected: ${faults.map((f) => `${f.name} ${f.stats.injected}/${f.stats.calls}`).join(', ')}`);
    },
    DRAIN_BOUND_MS + 60_000,
  );
});
