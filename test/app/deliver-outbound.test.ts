import { deliverOutbound, type DeliveryDeps } from '../../lambdas/app/mailer/deliver-outbound';
import { SEND_LEASE_MS } from '../../lambdas/app/mailer/send-outbound';
import { SendThrottledError } from '../../lambdas/core/errors';
import type { OutboundRequest } from '../../lambdas/core/outbound-request';
import type { CaseChange, Ids } from '../../lambdas/core/ports';
import { deferralDelaySeconds } from '../../lambdas/core/send-deferral';
import { InMemoryCaseRepository } from '../fakes/case-repository';
import { appHarness } from './harness';

const HOLD_SECONDS = 600;

/** A case opened through intake, its acknowledgement request taken off the queue for the mailer. */
async function world() {
  const h = appHarness();
  const c = await h.openCase({ subject: 'Deposit missing' });
  const [ack] = h.queue.take<OutboundRequest>('outbound');
  const deps: DeliveryDeps = { mailer: h.mailer, queue: h.queue, dailyQuotaHoldSeconds: HOLD_SECONDS };
  const sentEvents = async () => (await h.repo.listEvents(c.tracking)).filter((e) => e.type === 'mail_sent');
  return { ...h, c, ack: ack!.body as OutboundRequest, deps, sentEvents };
}

describe('delivering an outbound request, on in-memory ports', () => {
  it('sends the acknowledgement once, keeps its exact bytes under sent/, and records it on the case', async () => {
    const w = await world();
    expect(await deliverOutbound(w.ack, 1, w.deps)).toBe('sent');
    expect(await deliverOutbound(w.ack, 2, w.deps)).toBe('duplicate'); // SQS delivered it again

    expect(w.sender.sent).toHaveLength(1);
    const [mail] = w.sender.sent;
    expect(mail!.envelope.to).toEqual([w.c.customer.address]);
    expect(mail!.raw.toString('utf8')).toContain(w.c.tracking);
    const events = await w.sentEvents();
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ purpose: 'acknowledgement', providerMessageId: mail!.providerMessageId });
    const kept = [...w.blobs.objects.entries()].filter(([key]) => key.startsWith('sent/'));
    expect(kept).toHaveLength(1);
    expect(kept[0]![1].body.equals(mail!.raw)).toBe(true);
    expect(kept[0]![1].retainUntil).toBeDefined();
  });

  it('turns a send refused for rate into a delayed copy with one more deferral, never a failure', async () => {
    const w = await world();
    w.sender.failNext = 1;
    expect(await deliverOutbound(w.ack, 3, w.deps)).toBe('deferred');
    expect(w.sender.sent).toHaveLength(0);
    const [copy] = w.queue.take<OutboundRequest>('outbound');
    expect(copy!.body.delivery).toEqual({ deferrals: 1, failedAttempts: 2 });
    expect(copy!.delaySeconds).toBe(deferralDelaySeconds(0, 0));

    // The lease was given back: the copy sends at once.
    expect(await deliverOutbound(copy!.body as OutboundRequest, 1, w.deps)).toBe('sent');
    expect(w.sender.sent).toHaveLength(1);
    expect((await w.sentEvents())[0]!.data).toMatchObject({ deferrals: 1, failedAttempts: 2 });
  });

  it('holds mail for the configured time when the daily quota is spent', async () => {
    const w = await world();
    const deps: DeliveryDeps = {
      ...w.deps,
      beforeSend: async () => {
        throw new SendThrottledError('daily_quota', 'Daily message quota exceeded');
      },
    };
    expect(await deliverOutbound(w.ack, 1, deps)).toBe('held');
    const [copy] = w.queue.take<OutboundRequest>('outbound');
    expect(copy!.delaySeconds).toBe(HOLD_SECONDS);
    expect(w.sender.sent).toHaveLength(0);
  });

  it('lets any other failure reach SQS, queueing nothing, so it is retried and finally dead-lettered', async () => {
    const w = await world();
    const deps: DeliveryDeps = {
      ...w.deps,
      beforeSend: async () => {
        throw new Error('the provider is down');
      },
    };
    await expect(deliverOutbound(w.ack, 1, deps)).rejects.toThrow('the provider is down');
    expect(w.queue.bodies('outbound')).toEqual([]);
    expect(await deliverOutbound(w.ack, 2, w.deps)).toBe('sent'); // the lease was released: the retry sends
  });

  it('defers a second delivery while the first holds the send lease, and sends nothing twice', async () => {
    const w = await world();
    let entered!: () => void;
    const inSend = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const first = deliverOutbound(w.ack, 1, {
      ...w.deps,
      beforeSend: () => {
        entered();
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    await inSend; // the first delivery holds the lease and is about to call the provider
    expect(await deliverOutbound(w.ack, 1, w.deps)).toBe('deferred');
    release();
    expect(await first).toBe('sent');
    expect(w.sender.sent).toHaveLength(1);
    expect(
      await deliverOutbound(w.queue.take<OutboundRequest>('outbound')[0]!.body as OutboundRequest, 1, w.deps),
    ).toBe('duplicate');
  });

  it("lets a redelivery send once a crashed holder's lease has lapsed", async () => {
    const w = await world();
    expect(
      await w.repo.acquireLease(
        `OUT#${w.c.tracking}#${w.ack.purposeKey}`,
        'crashed',
        new Date(w.clock.now().getTime() + SEND_LEASE_MS),
      ),
    ).toBe(true);
    expect(await deliverOutbound(w.ack, 1, w.deps)).toBe('deferred');
    w.clock.advance({ ms: SEND_LEASE_MS + 1 });
    expect(await deliverOutbound(w.ack, 1, w.deps)).toBe('sent');
    expect(w.sender.sent).toHaveLength(1);
  });
});

describe('a mail the send budget refused', () => {
  const refused = async () => {
    throw new SendThrottledError('budget', 'the send budget has no place free');
  };
  /** The same ids, with a fixed jitter. */
  const withFraction = (ids: Ids, fraction: number): Ids =>
    Object.assign(Object.create(ids) as Ids, { fraction: () => fraction });
  /** Deferred six times already: doubling would now wait 64-128 s. */
  const sixth = (req: OutboundRequest): OutboundRequest => ({ ...req, delivery: { deferrals: 6, failedAttempts: 0 } });

  it('is deferred before the lease, the render and the stored copy when the budget is known full', async () => {
    const w = await world();
    const leases = jest.spyOn(w.repo, 'acquireLease');
    const deps: DeliveryDeps = { ...w.deps, budgetFull: () => true };
    expect(await deliverOutbound(w.ack, 1, deps)).toBe('deferred');
    expect(leases).not.toHaveBeenCalled();
    expect([...w.blobs.objects.keys()].filter((key) => key.startsWith('sent/'))).toEqual([]);
    expect(w.queue.take<OutboundRequest>('outbound')[0]!.body.delivery).toEqual({ deferrals: 1, failedAttempts: 0 });
    expect(await deliverOutbound(w.ack, 1, w.deps)).toBe('sent');
  });

  it('waits no longer than the queue ahead of it needs, however often it was deferred before', async () => {
    const w = await world();
    const delays: number[] = [];
    for (const fraction of [0, 0.5, 0.999]) {
      const deps: DeliveryDeps = {
        ...w.deps,
        mailer: { ...w.mailer, ids: withFraction(w.mailer.ids, fraction) },
        beforeSend: refused,
        // 95 acknowledgements at 19 a second: 5 s.
        backlog: async () => ({ interactive: 95, bulk: 4000, capacity: 19, budgetInUsePercent: 100, drainSeconds: 0 }),
      };
      expect(await deliverOutbound(sixth(w.ack), 1, deps)).toBe('deferred');
      const [copy] = w.queue.take<OutboundRequest>('outbound');
      expect(copy!.body.delivery).toEqual({ deferrals: 7, failedAttempts: 0 });
      delays.push(copy!.delaySeconds!);
    }
    // Half fixed, half random within the 5 s, not behind the bulk lane (interactive mail never waits for it).
    expect(delays).toEqual([3, 4, 5]);
  });

  it('counts both lanes for bulk mail, at its share of each second', async () => {
    const w = await world();
    const update: OutboundRequest = {
      tracking: w.c.tracking,
      purpose: 'status_update',
      purposeKey: 'status_update:d1',
    };
    const deps: DeliveryDeps = {
      ...w.deps,
      mailer: { ...w.mailer, ids: withFraction(w.mailer.ids, 0.999) },
      beforeSend: refused,
      // 140 bulk mails at 14 of the 19 places a second (the rest kept for interactive mail): 10 s.
      backlog: async () => ({ interactive: 19, bulk: 140, capacity: 19, budgetInUsePercent: 100, drainSeconds: 0 }),
    };
    expect(await deliverOutbound(sixth(update), 1, deps)).toBe('deferred');
    expect(w.queue.take<OutboundRequest>('outbound-bulk')[0]!.delaySeconds).toBe(10);
  });

  it('doubles its wait when the backlog cannot be read', async () => {
    const w = await world();
    const deps: DeliveryDeps = {
      ...w.deps,
      mailer: { ...w.mailer, ids: withFraction(w.mailer.ids, 0.5) },
      beforeSend: refused,
      backlog: async () => {
        throw new Error('sqs:GetQueueAttributes throttled');
      },
    };
    expect(await deliverOutbound(sixth(w.ack), 1, deps)).toBe('deferred');
    expect(w.queue.take<OutboundRequest>('outbound')[0]!.delaySeconds).toBe(deferralDelaySeconds(6, 0.5));
  });
});

/** Commits fail while `failing` is set, as DynamoDB would for a throttled or unreachable table. */
class FlakyRepo extends InMemoryCaseRepository {
  failing = false;
  /** Refuses the next N lease releases. */
  failReleases = 0;
  /** Fails the idempotency read with this number (1-based), as a throttled read the SDK's retries did not cure. */
  failIdempotencyRead = 0;
  private idempotencyReads = 0;
  override async findIdempotencyKey(key: string): ReturnType<InMemoryCaseRepository['findIdempotencyKey']> {
    if (++this.idempotencyReads === this.failIdempotencyRead) throw new Error('injected: throttled');
    return super.findIdempotencyKey(key);
  }
  override async commit(change: CaseChange): Promise<void> {
    if (this.failing) throw new Error('injected: the table is unreachable');
    return super.commit(change);
  }
  override async releaseLease(key: string, holder: string): Promise<void> {
    if (this.failReleases > 0) {
      this.failReleases -= 1;
      throw new Error('injected: throttled');
    }
    return super.releaseLease(key, holder);
  }
}

/** Runs `work` with Jest's fake timers, moving time on until it settles (the record step's retries wait). */
async function settled<T>(work: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  let result: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  work.then(
    (value) => (result = { ok: true, value }),
    (error: unknown) => (result = { ok: false, error }),
  );
  while (!result) await jest.advanceTimersByTimeAsync(1_000);
  return result;
}

describe('the double-send window, measured', () => {
  // SQS redelivers a failed message after the outbound queue's visibility timeout (6 minutes).
  const VISIBILITY_MS = 6 * 60_000;
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  async function flakyWorld() {
    const h = appHarness('2026-03-02T14:00:00.000Z', { repo: (clock) => new FlakyRepo(clock) });
    const c = await h.openCase({ subject: 'Deposit missing' });
    const [ack] = h.queue.take<OutboundRequest>('outbound');
    const deps: DeliveryDeps = { mailer: h.mailer, queue: h.queue, dailyQuotaHoldSeconds: HOLD_SECONDS };
    return { ...h, repo: h.repo as FlakyRepo, c, ack: ack!.body as OutboundRequest, deps };
  }

  it('gives the lease back despite a throttled release, so a deferred mail is not held for the lease time', async () => {
    const w = await flakyWorld();
    w.sender.failNext = 1; // SES refuses for rate: nothing was sent, the lease must go
    w.repo.failReleases = 2;
    expect(await settled(deliverOutbound(w.ack, 1, w.deps))).toEqual({ ok: true, value: 'deferred' });
    const [copy] = w.queue.take<OutboundRequest>('outbound');
    expect(await deliverOutbound(copy!.body as OutboundRequest, 1, w.deps)).toBe('sent');
    expect(w.sender.sent).toHaveLength(1);
  });

  it('gives the lease back when the record check under the lease fails, so the redelivery sends at once', async () => {
    const w = await flakyWorld();
    w.repo.failIdempotencyRead = 2; // the first read is before the lease, the second under it
    const first = await settled(deliverOutbound(w.ack, 1, w.deps));
    expect(first).toMatchObject({ ok: false, error: { message: 'injected: throttled' } });
    expect(w.sender.sent).toHaveLength(0);
    // SQS redelivers after the visibility timeout; the lease is not in its way.
    expect(await deliverOutbound(w.ack, 2, w.deps)).toBe('sent');
    expect(w.sender.sent).toHaveLength(1);
  });

  it('sends once when recording fails for a while after SES accepted, but recovers within the retries', async () => {
    const w = await flakyWorld();
    w.repo.failing = true;
    const delivery = deliverOutbound(w.ack, 1, w.deps);
    await jest.advanceTimersByTimeAsync(1_000); // the first record attempts fail
    w.repo.failing = false;
    expect(await settled(delivery)).toEqual({ ok: true, value: 'sent' });
    expect(w.sender.sent).toHaveLength(1);
    expect(await deliverOutbound(w.ack, 2, w.deps)).toBe('duplicate');
  });

  it('sends twice only when every recording attempt failed and a redelivery comes after the lease lapsed', async () => {
    const w = await flakyWorld();
    w.repo.failing = true;
    const first = await settled(deliverOutbound(w.ack, 1, w.deps));
    expect(first.ok).toBe(false); // the invocation gives up; SQS will redeliver
    expect(w.sender.sent).toHaveLength(1);
    w.repo.failing = false;

    // Redeliveries every visibility timeout while the crashed holder's lease stands: each is deferred.
    let receives = 1;
    let request = w.ack;
    while (w.clock.now().getTime() - Date.parse('2026-03-02T14:00:00.000Z') + VISIBILITY_MS < SEND_LEASE_MS) {
      w.clock.advance({ ms: VISIBILITY_MS });
      expect(await deliverOutbound(request, ++receives, w.deps)).toBe('deferred');
      request = w.queue.take<OutboundRequest>('outbound')[0]!.body as OutboundRequest;
    }
    expect(w.sender.sent).toHaveLength(1);

    // The first redelivery after the lease lapsed cannot know SES accepted the earlier send: the one
    // duplicate the design allows (ADR 0004), and only after every record attempt failed.
    w.clock.advance({ ms: VISIBILITY_MS });
    expect(await deliverOutbound(request, 1, w.deps)).toBe('sent');
    expect(w.sender.sent).toHaveLength(2);
    expect(await deliverOutbound(request, 1, w.deps)).toBe('duplicate');
  });
});
