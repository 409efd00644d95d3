import { createSendGate, type SendGateDeps } from '../../lambdas/app/mailer/send-gate';
import { SendThrottledError } from '../../lambdas/core/errors';
import type { OutboundRequest } from '../../lambdas/core/outbound-request';
import {
  laneLimit,
  LOOKAHEAD_SECONDS,
  windowCapacity,
  type SendQuota,
  type SendQuotaSource,
} from '../../lambdas/core/send-budget';
import { FakeClock } from '../fakes/clock';
import { InMemorySendWindowStore } from '../fakes/send-window-store';

const ack: OutboundRequest = { tracking: 'K7QM-4TZX-P9HC', purpose: 'acknowledgement', purposeKey: 'acknowledgement' };
const notice: OutboundRequest = {
  tracking: 'K7QM-4TZX-P9HC',
  purpose: 'notice',
  purposeKey: 'notice:n1',
  data: { noticeId: 'n1' },
};

class CountingQuota implements SendQuotaSource {
  reads = 0;
  fail = false;
  constructor(public quota: SendQuota) {}
  async read(): Promise<SendQuota> {
    this.reads++;
    if (this.fail) throw new Error('Throttling: Rate exceeded');
    return this.quota;
  }
}

function setup(quota: SendQuota, ceiling?: number) {
  const clock = new FakeClock('2026-03-02T09:00:00.000Z');
  const source = new CountingQuota(quota);
  const sent: number[] = [];
  const deps: SendGateDeps = {
    store: new InMemorySendWindowStore(),
    quota: source,
    ...(ceiling !== undefined ? { ceiling } : {}),
    clock,
    // Waiting moves the fake clock: the gate's waits become send instants.
    sleep: async (ms) => void clock.advance({ ms }),
    quotaRefreshMs: 300_000,
  };
  const gate = createSendGate(deps);
  const send = async (req: OutboundRequest): Promise<void> => {
    await gate.beforeSend(req);
    sent.push(clock.now().getTime());
  };
  return { clock, source, gate, send, sent };
}

describe('the send budget', () => {
  it('sizes windows from the lower of the account rate and the ceiling, keeping headroom', () => {
    expect(windowCapacity({ maxSendRate: 20 })).toBe(19);
    expect(windowCapacity({ maxSendRate: 14 }, 10)).toBe(9);
    expect(windowCapacity({ maxSendRate: 1 })).toBe(1);
    expect(windowCapacity({})).toBeUndefined();
  });

  it('spreads interactive sends so that no sliding second holds more than the capacity', async () => {
    const { send, sent } = setup({ maxSendRate: 20, sentLast24Hours: 0 });
    for (let i = 0; i < 60; i++) await send(ack);
    expect(sent).toHaveLength(60);
    for (let i = 19; i < sent.length; i++) expect(sent[i]! - sent[i - 19]!).toBeGreaterThanOrEqual(1000 - 1000 / 19);
    // 60 sends at 19 a second: a little over three seconds.
    expect(sent.at(-1)! - sent[0]!).toBeLessThan(3200);
  });

  it('lets interactive mail book ahead, then defers it when the lookahead is full', async () => {
    const clock = new FakeClock('2026-03-02T09:00:00.000Z');
    const waits: number[] = [];
    // Nobody's wait passes here: every booking is made at the same instant.
    const gate = createSendGate({
      store: new InMemorySendWindowStore(),
      quota: new CountingQuota({ maxSendRate: 10, sentLast24Hours: 0 }),
      clock,
      sleep: async (ms) => void waits.push(ms),
      quotaRefreshMs: 300_000,
    });
    for (let i = 0; i < 9 * (LOOKAHEAD_SECONDS + 1); i++) await gate.beforeSend(ack);
    expect(Math.max(...waits)).toBeGreaterThan(LOOKAHEAD_SECONDS * 1000);
    expect(Math.max(...waits)).toBeLessThan((LOOKAHEAD_SECONDS + 1) * 1000);
    await expect(gate.beforeSend(ack)).rejects.toMatchObject({ name: 'SendThrottledError', limit: 'budget' });
  });

  it('keeps a reserve of every window for interactive mail that bulk mail cannot take', async () => {
    const { gate, send, sent } = setup({ maxSendRate: 21, sentLast24Hours: 0 });
    const cap = 19;
    const bulkLimit = laneLimit('bulk', cap);
    expect(bulkLimit).toBeLessThan(cap);
    let bulk = 0;
    for (;;) {
      try {
        await gate.beforeSend(notice);
        bulk++;
      } catch (err) {
        expect(err).toBeInstanceOf(SendThrottledError);
        break;
      }
    }
    expect(bulk).toBeGreaterThan(0);
    expect(bulk).toBeLessThanOrEqual(bulkLimit);
    // An acknowledgement arriving now still goes within this second.
    const before = Date.parse('2026-03-02T09:00:01.000Z');
    await send(ack);
    expect(sent[0]!).toBeLessThan(before);
  });

  it('knows a lane it found full stays full for the rest of that second, and asks the store no more', async () => {
    const { gate, clock } = setup({ maxSendRate: 21, sentLast24Hours: 0 });
    let refused = 0;
    for (let i = 0; i < 40 && !refused; i++) {
      await gate.beforeSend(notice).catch(() => refused++);
    }
    expect(refused).toBe(1);
    expect(gate.full(notice)).toBe(true);
    expect(gate.full(ack)).toBe(false); // the interactive reserve is still there
    const takes = jest.spyOn(InMemorySendWindowStore.prototype, 'take');
    await expect(gate.beforeSend(notice)).rejects.toMatchObject({ name: 'SendThrottledError', limit: 'budget' });
    expect(takes).not.toHaveBeenCalled();
    takes.mockRestore();
    // The next second has places again.
    clock.advance({ ms: 1000 - (clock.now().getTime() % 1000) });
    expect(gate.full(notice)).toBe(false);
    await gate.beforeSend(notice);
  });

  it('reads the quota once, refreshes it after the refresh period, and keeps the last one if a refresh fails', async () => {
    const { gate, source, clock } = setup({ maxSendRate: 20, sentLast24Hours: 0 });
    expect(await gate.capacity()).toBe(19);
    expect(await gate.capacity()).toBe(19);
    expect(source.reads).toBe(1);
    source.quota = { maxSendRate: 50, sentLast24Hours: 0 };
    clock.advance({ minutes: 6 });
    expect(await gate.capacity()).toBe(47);
    expect(source.reads).toBe(2);
    source.fail = true;
    clock.advance({ minutes: 6 });
    expect(await gate.capacity()).toBe(47);
  });

  it('defers, never fails, when the quota cannot be read at all', async () => {
    const { gate, source } = setup({ maxSendRate: 20, sentLast24Hours: 0 });
    source.fail = true;
    await expect(gate.beforeSend(ack)).rejects.toMatchObject({ name: 'SendThrottledError', limit: 'budget' });
  });

  it('lets everything through at once when neither SES nor the ceiling limits', async () => {
    const { send, sent } = setup({ sentLast24Hours: 0 });
    for (let i = 0; i < 100; i++) await send(notice);
    expect(new Set(sent).size).toBe(1);
  });
});
