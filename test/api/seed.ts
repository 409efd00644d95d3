import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { DynamoCaseRepository } from '../../lambdas/adapters/dynamodb/case-repository';
import { chainEvent, GENESIS_HASH } from '../../lambdas/core/audit-chain';
import type { Case, CaseStatus } from '../../lambdas/core/case';
import { aggregateDelta } from '../../lambdas/core/reports/aggregates';
import { generateTrackingNumber } from '../../lambdas/core/tracking-number';
import type { TestEnv } from '../support/local-env';

/** Customer HTML as an attacker would send it (stored raw here on purpose: the API must sanitise on the way out). */
export const HOSTILE_HTML =
  '<p onclick="steal()">Hello</p><script>alert(1)</script><img src="https://tracker.example/pixel.png" alt="pixel"><a href="javascript:alert(2)">x</a>';

export function repoFor(t: TestEnv): DynamoCaseRepository {
  const doc = DynamoDBDocumentClient.from(t.clients.dynamo, { marshallOptions: { removeUndefinedValues: true } });
  return new DynamoCaseRepository(doc, t.resources.tableName);
}

/** Commits a case opened by an inbound mail, as the intake would, with a chosen creation time and status. */
export async function seedCase(
  t: TestEnv,
  opts: {
    createdAt?: string;
    status?: CaseStatus;
    customer?: string;
    type?: Case['type'];
    estimatedResolutionAt?: string;
  } = {},
): Promise<Case> {
  const at = opts.createdAt ?? new Date().toISOString();
  const customer = opts.customer ?? `c${Math.random().toString(36).slice(2, 8)}@customer.example`;
  const base: Case = {
    tracking: generateTrackingNumber(),
    status: opts.status ?? 'new',
    customer: { address: customer, kind: 'individual' },
    participants: [customer],
    subject: 'Withdrawal stuck',
    language: 'en',
    channel: 'email',
    type: opts.type ?? 'request',
    topic: 'withdrawal',
    priority: 'normal',
    flags: [],
    createdAt: at,
    updatedAt: at,
    lastCustomerMessageAt: at,
    deadlines: { first_response: { dueAt: new Date(Date.parse(at) + 86400_000).toISOString(), id: 'd1' } },
    threadMessageIds: ['<m1@customer.example>'],
    version: 1,
    eventSeq: 0,
    lastEventHash: GENESIS_HASH,
    ...(opts.estimatedResolutionAt ? { estimatedResolutionAt: opts.estimatedResolutionAt } : {}),
  };
  const event = chainEvent(base, { at, actor: 'customer', type: 'case_opened', data: { channel: 'email' } });
  const c: Case = { ...base, eventSeq: event.seq, lastEventHash: event.hash };
  await repoFor(t).commit({
    case: c,
    expectedVersion: null,
    events: [event],
    aggregates: aggregateDelta(undefined, c, [event]),
    messages: [
      {
        id: `ses-${c.tracking}`,
        at,
        direction: 'in',
        from: customer,
        to: ['support@exchange.example'],
        subject: c.subject,
        text: 'My BTC withdrawal is stuck',
        html: HOSTILE_HTML,
        author: 'customer',
      },
    ],
  });
  return c;
}

/** Receives and deletes every message currently on a queue (bodies parsed as JSON). */
export async function drain(sqs: SQSClient, queueUrl: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (;;) {
    const r = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (!r.Messages?.length) return out;
    for (const m of r.Messages) {
      out.push(JSON.parse(m.Body ?? '{}') as Record<string, unknown>);
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
    }
  }
}
