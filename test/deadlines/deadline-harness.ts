import { inMemoryAckBudget } from '../fakes/ack-counters';
import { randomBytes } from 'node:crypto';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCaseRepository } from '../../lambdas/adapters/dynamodb/case-repository';
import { MailparserMimeParser } from '../../lambdas/adapters/mime/parse';
import { S3BlobStore } from '../../lambdas/adapters/s3-blob-store';
import { SqsQueue } from '../../lambdas/adapters/sqs-queue';
import { createDeadlinePlanner } from '../../lambdas/app/deadlines/planner';
import { handleTimer, type TimerDeps, type TimerOutcome } from '../../lambdas/app/deadlines/handle-timer';
import { processInbound } from '../../lambdas/app/intake/process-inbound';
import { randomIds } from '../../lambdas/shared/container';
import type { OutboundRequest } from '../../lambdas/app/deps';
import type { Case } from '../../lambdas/core/case';
import { ValidationError } from '../../lambdas/core/errors';
import type { CaseRepository, Clock, Queue, QueueName, TimerMessage } from '../../lambdas/core/ports';
import { sweep, type SweepResult } from '../../lambdas/app/deadlines/sweep';
import { parseSlaPolicyConfig, type SlaTargets } from '../../lambdas/core/sla/policy';
import type { TrackingNumber } from '../../lambdas/core/tracking-number';
import type { TestEnv } from '../support/local-env';
import { sesReceiptBlock } from '../support/ses-verdicts';

const MINUTE = 60_000;

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advanceMinutes(m: number): Date {
    this.current = new Date(this.current.getTime() + m * MINUTE);
    return this.now();
  }
}

/** Short targets in minutes on a 24x7 calendar, so a drill runs through a case's whole life. */
export const SHORT_TARGETS: SlaTargets = {
  firstResponse: { minutes: 60 },
  nextResponse: { minutes: 60 },
  statusUpdateInterval: { minutes: 90 },
  resolution: { minutes: 600 },
  reminderBefore: { minutes: 15 },
  autoClosePendingAfter: { calendarDays: 1 },
};

export const SHORT_POLICY = {
  name: 'drill',
  basis: 'Short drill policy for tests (minutes, 24x7).',
  calendar: { kind: '24x7', zone: 'UTC' },
  acknowledgeWithin: { minutes: 5 },
  targets: { request: SHORT_TARGETS, complaint: SHORT_TARGETS },
};

/** Where a body sent through `VirtualDelayQueue` sits in the real queue. */
interface Envelope {
  readonly visibleAt: string;
  readonly delaySeconds: number;
  readonly body: unknown;
}

/**
 * A `Queue` over the real SQS emulator whose DelaySeconds run on the test clock instead of real time:
 * each body is stored in SQS at once, wrapped with the instant it would become visible. The same limits
 * as the SQS adapter apply (integer 0..900).
 */
export class VirtualDelayQueue implements Queue {
  readonly sent: { queue: QueueName; body: unknown; delaySeconds: number }[] = [];
  constructor(
    private readonly inner: Queue,
    private readonly clock: Clock,
  ) {}

  async sendBatch(queue: QueueName, messages: readonly { body: unknown; delaySeconds?: number }[]): Promise<void> {
    for (const m of messages) await this.send(queue, m.body, m.delaySeconds ?? 0);
  }

  async send(queue: QueueName, body: unknown, delaySeconds = 0): Promise<void> {
    if (!Number.isInteger(delaySeconds) || delaySeconds < 0 || delaySeconds > 900)
      throw new ValidationError(`bad delaySeconds ${delaySeconds}`);
    this.sent.push({ queue, body, delaySeconds });
    const visibleAt = new Date(this.clock.now().getTime() + delaySeconds * 1000).toISOString();
    await this.inner.send(queue, { visibleAt, delaySeconds, body } satisfies Envelope, 0);
  }
}

export interface Drill {
  readonly clock: TestClock;
  readonly queue: VirtualDelayQueue;
  readonly repo: DynamoCaseRepository;
  readonly deps: TimerDeps;
  /** Opens a case through the intake use case from a plain customer mail; returns it as stored. */
  openCase(text?: string): Promise<Case>;
  /**
   * Runs the sweeper at the test clock's now over this drill's own cases (unless the drill was made
   * without one), then delivers every timer message visible at now to `handleTimer` (and those they arm),
   * oldest first: what the deployed stack has done by then, its sweeper running every few minutes.
   */
  deliverDueTimers(): Promise<Array<{ msg: TimerMessage; outcome: TimerOutcome }>>;
  /** One sweeper run at the test clock's now over this drill's own cases. */
  sweep(): Promise<SweepResult>;
  /** Takes every outbound request queued so far. */
  takeOutbound(): Promise<OutboundRequest[]>;
  /** Removes everything from the timers and outbound queues. */
  drain(): Promise<void>;
}

async function receiveAll(t: TestEnv, url: string): Promise<Message[]> {
  const out: Message[] = [];
  for (;;) {
    const r = await t.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 300, WaitTimeSeconds: 0 }),
    );
    if (!r.Messages?.length) return out;
    out.push(...r.Messages);
  }
}

const del = (t: TestEnv, url: string, m: Message) =>
  t.clients.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle! }));
const envelope = (m: Message) => JSON.parse(m.Body!) as Envelope;

export interface DrillOptions {
  /** Sweep before each delivery, as the deployed stack's schedule would have by then. @default true */
  readonly sweeper?: boolean;
}

export function createDrill(t: TestEnv, start: Date, opts: DrillOptions = {}): Drill {
  const clock = new TestClock(start);
  // Same marshalling as lambdas/shared/clients.ts.
  const doc = DynamoDBDocumentClient.from(t.clients.dynamo, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  const repo = new DynamoCaseRepository(doc, t.resources.tableName, () => clock.now());
  const queue = new VirtualDelayQueue(
    new SqsQueue(t.clients.sqs, {
      outbound: t.resources.queues.outbound.url,
      'outbound-bulk': t.resources.queues['outbound-bulk'].url,
      timers: t.resources.queues.timers.url,
    }),
    clock,
  );
  const policy = parseSlaPolicyConfig(SHORT_POLICY);
  const planDeadlines = createDeadlinePlanner({ repo, presetName: 'nydfs', policy, ids: randomIds });
  const deps: TimerDeps = { repo, queue, clock, planDeadlines, policy };
  const blobs = new S3BlobStore(t.clients.s3, t.resources.bucket, { retentionDays: Number(t.env.MAIL_RETENTION_DAYS) });
  const parser = new MailparserMimeParser();
  const timersUrl = t.resources.queues.timers.url;
  // The drills of one test file share a table and a start instant: each sweeps only the cases it opened.
  const opened = new Set<string>();
  const ownCases: CaseRepository = Object.create(repo) as CaseRepository;
  ownCases.listDueCases = async (q) => {
    const page = await repo.listDueCases(q);
    return { ...page, items: page.items.filter((c) => opened.has(c.tracking)) };
  };
  const sweepNow = () => sweep({ repo: ownCases, queue }, clock.now());
  const outboundUrls = [t.resources.queues.outbound.url, t.resources.queues['outbound-bulk'].url];

  return {
    clock,
    queue,
    repo,
    deps,
    async openCase(text = 'Hello, how do I change the e-mail address on my profile? Thanks, Ana') {
      const id = randomBytes(8).toString('hex');
      const key = `inbound/${id}`;
      const raw =
        sesReceiptBlock(`ana-${id}@customer.example`) +
        `From: Ana <ana-${id}@customer.example>\r\nTo: ${t.resources.profile.supportAddress}\r\nSubject: Profile question ${id}\r\n` +
        `Message-ID: <${id}@customer.example>\r\nDate: ${clock.now().toUTCString()}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n`;
      await blobs.put(key, raw, 'message/rfc822');
      const outcome = await processInbound(
        { key, sesMessageId: `ses-${id}` },
        {
          repo,
          blobs,
          queue,
          clock,
          ids: randomIds,
          planDeadlines,
          parser,
          ackBudget: inMemoryAckBudget(),
          profile: t.resources.profile,
          signingSecret: t.env.SIGNING_SECRET!,
        },
      );
      if (outcome.kind !== 'case_opened') throw new Error(`seed mail did not open a case: ${JSON.stringify(outcome)}`);
      opened.add(outcome.tracking);
      return (await repo.getCase(outcome.tracking))!;
    },
    sweep: sweepNow,
    async deliverDueTimers() {
      if (opts.sweeper ?? true) await sweepNow();
      const results: Array<{ msg: TimerMessage; outcome: TimerOutcome }> = [];
      const notYet: Message[] = [];
      for (let round = 0; round < 20; round++) {
        const got = await receiveAll(t, timersUrl);
        const now = clock.now().toISOString();
        const due = got
          .filter((m) => envelope(m).visibleAt <= now)
          .sort((a, b) => envelope(a).visibleAt.localeCompare(envelope(b).visibleAt));
        notYet.push(...got.filter((m) => envelope(m).visibleAt > now));
        if (due.length === 0) break;
        for (const m of due) {
          const msg = envelope(m).body as TimerMessage;
          results.push({ msg, outcome: await handleTimer(msg, deps) });
          await del(t, timersUrl, m);
        }
      }
      // Not yet "delivered" by virtual SQS: make them visible again for the next call.
      for (const m of notYet)
        await t.clients.sqs.send(
          new ChangeMessageVisibilityCommand({
            QueueUrl: timersUrl,
            ReceiptHandle: m.ReceiptHandle!,
            VisibilityTimeout: 0,
          }),
        );
      return results;
    },
    async takeOutbound() {
      const taken: OutboundRequest[] = [];
      for (const url of outboundUrls) {
        const got = await receiveAll(t, url);
        for (const m of got) await del(t, url, m);
        taken.push(...got.map((m) => envelope(m).body as OutboundRequest));
      }
      return taken;
    },
    async drain() {
      for (const url of [timersUrl, ...outboundUrls]) for (const m of await receiveAll(t, url)) await del(t, url, m);
    },
  };
}

/** Event types of a case's audit trail, oldest first. */
export async function eventTypes(repo: DynamoCaseRepository, tracking: TrackingNumber): Promise<string[]> {
  return (await repo.listEvents(tracking)).map((e) => e.type);
}
