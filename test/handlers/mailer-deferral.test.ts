import type { DeliveryDeps, deliverOutbound as DeliverOutbound } from '../../lambdas/app/mailer/deliver-outbound';
import type { MailerDeps } from '../../lambdas/app/mailer/send-outbound';
import { SendThrottledError } from '../../lambdas/core/errors';
import type { OutboundRequest } from '../../lambdas/core/outbound-request';
import type { Queue, QueueName, RawMailSender } from '../../lambdas/core/ports';
import { deferralDelaySeconds, MAX_DEFERRAL_SECONDS } from '../../lambdas/core/send-deferral';
import { repoFor, seedCase } from '../api/seed';
import { createTestEnv, type TestEnv } from '../support/local-env';
import { waitForMails } from '../support/ses-inbox';

let t: TestEnv;
let mailer: MailerDeps;
let deliverOutbound: typeof DeliverOutbound;
beforeAll(async () => {
  t = await createTestEnv();
  const { buildContainer } = await import('../../lambdas/shared/container');
  const { mailerDeps } = await import('../../lambdas/shared/mailer-wiring');
  ({ deliverOutbound } = await import('../../lambdas/app/mailer/deliver-outbound'));
  mailer = mailerDeps(await buildContainer('mailer'));
});
afterAll(() => t.dispose());

class RecordingQueue implements Queue {
  readonly sent: Array<{ queue: QueueName; body: OutboundRequest; delaySeconds: number }> = [];
  async send(queue: QueueName, body: unknown, delaySeconds = 0): Promise<void> {
    this.sent.push({ queue, body: body as OutboundRequest, delaySeconds });
  }
  async sendBatch(): Promise<void> {
    throw new Error('not used');
  }
}

/** The real SES emulator sender, refusing the first `refusals` sends with `err`. */
function refusing(real: RawMailSender, refusals: number, err: () => Error): RawMailSender {
  let left = refusals;
  return {
    sendRaw: async (raw, envelope) => {
      if (left-- > 0) throw err();
      return real.sendRaw(raw, envelope);
    },
    messageIdOf: (id) => real.messageIdOf(id),
  };
}

function deps(sender: RawMailSender, queue: Queue): DeliveryDeps {
  const ids = { ...mailer.ids, fraction: () => 0.5 };
  return { mailer: { ...mailer, sender, ids }, queue, dailyQuotaHoldSeconds: 600 };
}

describe('deferral delay', () => {
  it('grows with each deferral, is jittered, and never exceeds the SQS maximum', () => {
    expect(deferralDelaySeconds(0, 0)).toBe(1);
    expect(deferralDelaySeconds(3, 0)).toBe(4);
    expect(deferralDelaySeconds(3, 0.999)).toBe(8);
    expect(deferralDelaySeconds(50, 0.999)).toBe(MAX_DEFERRAL_SECONDS);
    // Capped by the time the queue ahead needs (a mail the send budget refused): early waits stay as they were.
    expect(deferralDelaySeconds(0, 0.999, 5)).toBe(1);
    expect(deferralDelaySeconds(9, 0, 5)).toBe(3);
    expect(deferralDelaySeconds(9, 0.999, 5)).toBe(5);
  });
});

describe('a throttled send', () => {
  it('is queued again with one more deferral and a delay, then sent exactly once', async () => {
    const c = await seedCase(t);
    const queue = new RecordingQueue();
    const sender = refusing(
      mailer.sender,
      1,
      () => new SendThrottledError('rate', 'SES: maximum sending rate exceeded'),
    );
    const req: OutboundRequest = {
      tracking: c.tracking,
      purpose: 'acknowledgement',
      purposeKey: 'acknowledgement',
      delivery: { deferrals: 2, failedAttempts: 1 },
    };

    expect(await deliverOutbound(req, 2, deps(sender, queue))).toBe('deferred');
    expect(queue.sent).toHaveLength(1);
    const again = queue.sent[0]!;
    expect(again.queue).toBe('outbound');
    expect(again.body.delivery).toEqual({ deferrals: 3, failedAttempts: 2 });
    expect(again.delaySeconds).toBe(deferralDelaySeconds(2, 0.5));

    // The lease was released: the copy sends at once, and a further copy is a duplicate.
    expect(await deliverOutbound(again.body, 1, deps(sender, queue))).toBe('sent');
    expect(await deliverOutbound(again.body, 1, deps(sender, queue))).toBe('duplicate');
    expect(await waitForMails(t, c.customer.address)).toHaveLength(1);
    const events = await repoFor(t).listEvents(c.tracking);
    const sent = events.filter((e) => e.type === 'mail_sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.data).toMatchObject({ deferrals: 3, failedAttempts: 2 });
  });

  it('is held for the configured time when the daily quota is spent', async () => {
    const c = await seedCase(t);
    const queue = new RecordingQueue();
    const sender = refusing(
      mailer.sender,
      1,
      () => new SendThrottledError('daily_quota', 'SES: daily message quota exceeded'),
    );
    const req: OutboundRequest = { tracking: c.tracking, purpose: 'acknowledgement', purposeKey: 'acknowledgement' };

    expect(await deliverOutbound(req, 1, deps(sender, queue))).toBe('held');
    expect(queue.sent.map((s) => [s.delaySeconds, s.body.delivery])).toEqual([
      [600, { deferrals: 1, failedAttempts: 0 }],
    ]);
    expect(await deliverOutbound(queue.sent[0]!.body, 1, deps(sender, queue))).toBe('sent');
    expect(await waitForMails(t, c.customer.address)).toHaveLength(1);
  });

  it('fails for real on any other error, queueing nothing, so SQS retries and dead-letters it', async () => {
    const c = await seedCase(t);
    const queue = new RecordingQueue();
    const sender = refusing(mailer.sender, 1, () => new Error('MessageRejected'));
    const req: OutboundRequest = { tracking: c.tracking, purpose: 'acknowledgement', purposeKey: 'acknowledgement' };

    await expect(deliverOutbound(req, 1, deps(sender, queue))).rejects.toThrow('MessageRejected');
    expect(queue.sent).toHaveLength(0);
    // The lease was released: the redelivery sends.
    expect(await deliverOutbound(req, 2, deps(sender, queue))).toBe('sent');
    expect(await waitForMails(t, c.customer.address)).toHaveLength(1);
  });
});
