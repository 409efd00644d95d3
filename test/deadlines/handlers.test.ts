import { ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import type { Context, ScheduledEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { lambdaContext } from '../../local/lambda-context';
import { LOCAL_REGION } from '../../local/local-aws';
import { toSqsEvent } from '../../local/sqs-event';
import { scheduledEvent } from '../../local/sweeper';
import type { SweepResult } from '../../lambdas/app/deadlines/sweep';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { createDrill, eventTypes, SHORT_POLICY } from './deadline-harness';

type Handler<E, R> = (event: E, context: Context) => Promise<R>;

let t: TestEnv;
let timers: Handler<SQSEvent, SQSBatchResponse>;
let sweeper: Handler<ScheduledEvent, SweepResult>;

beforeAll(async () => {
  t = await createTestEnv();
  process.env.POWERTOOLS_LOG_LEVEL = 'CRITICAL';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env.SLA_POLICY = JSON.stringify(SHORT_POLICY); // the short drill policy, as on the local stack
  ({ handler: timers } = await import('../../lambdas/handlers/timers'));
  ({ handler: sweeper } = await import('../../lambdas/handlers/sweeper'));
}, 60_000);
afterAll(() => {
  delete process.env.SLA_POLICY;
  t.dispose();
});

async function receiveTimers(): Promise<Message[]> {
  const out: Message[] = [];
  for (;;) {
    const r = await t.clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: t.resources.queues.timers.url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
      }),
    );
    if (!r.Messages?.length) return out;
    out.push(...r.Messages);
  }
}

describe('timer and sweeper handlers', () => {
  it('sweeps overdue deadlines into real timer messages, acts on them, and fails only a malformed record', async () => {
    // A case opened three days ago whose wake-ups were all lost: every deadline of the short policy is overdue.
    const drill = createDrill(t, new Date(Date.now() - 3 * 86_400_000));
    const c = await drill.openCase();
    await drill.drain();

    const swept = await sweeper(
      scheduledEvent('arn:aws:events:us-east-1:123456789012:rule/docket-sweeper'),
      lambdaContext('sweeper'),
    );
    expect(swept).toMatchObject({ scanned: 1, armed: Object.keys(c.deadlines).length, truncated: false });

    const messages = await receiveTimers();
    expect(messages.map((m) => JSON.parse(m.Body!).kind).sort()).toEqual(Object.keys(c.deadlines).sort());
    const event = toSqsEvent(messages, t.resources.queues.timers.arn, LOCAL_REGION);
    const malformed = { ...event.Records[0]!, messageId: 'malformed-1', body: '{"tracking":"nope","kind":"reminder"}' };
    const result = await timers({ Records: [...event.Records, malformed] }, lambdaContext('timers'));

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'malformed-1' }]);
    const after = (await drill.repo.getCase(c.tracking))!;
    expect(after.priority).not.toBe('normal');
    expect(await eventTypes(drill.repo, c.tracking)).toEqual(expect.arrayContaining(['sla_breached', 'escalated']));
    expect(after.deadlines.first_response).toBeUndefined();
  });
});
