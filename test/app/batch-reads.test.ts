import { sharingBatchReads } from '../../lambdas/app/mailer/batch-reads';
import { deliverOutbound, type DeliveryDeps } from '../../lambdas/app/mailer/deliver-outbound';
import type { OutboundRequest } from '../../lambdas/core/outbound-request';
import { appHarness } from './harness';

/** Three cases opened through intake and their acknowledgements, with the render reads counted. */
async function world() {
  const h = appHarness();
  for (const subject of ['Deposit missing', 'Withdrawal stuck', 'Login problem']) await h.openCase({ subject });
  const acks = h.queue.take<OutboundRequest>('outbound').map((m) => m.body as OutboundRequest);
  const reads = { context: 0, notices: 0, failContext: 0 };
  const mailer = {
    ...h.mailer,
    renderContext: async () => {
      reads.context++;
      if (reads.failContext > 0) {
        reads.failContext--;
        throw new Error('counter read failed');
      }
      return h.mailer.renderContext();
    },
    notices: {
      list: async () => {
        reads.notices++;
        return h.mailer.notices.list();
      },
    },
  };
  const deps: DeliveryDeps = { mailer, queue: h.queue, dailyQuotaHoldSeconds: 600 };
  return { ...h, acks, reads, deps };
}

describe('one batch of outbound mail', () => {
  it('reads the backlog and the notices once for all its mails, and each batch reads them afresh', async () => {
    const w = await world();
    expect(w.acks).toHaveLength(3);
    const batch = sharingBatchReads(w.deps);
    const outcomes = await Promise.all(w.acks.map((ack) => deliverOutbound(ack, 1, batch)));

    expect(outcomes).toEqual(['sent', 'sent', 'sent']);
    expect(w.sender.sent).toHaveLength(3);
    expect(w.reads).toMatchObject({ context: 1, notices: 1 });

    // A redelivered batch is a new batch: it reads again (and finds every mail sent).
    const again = sharingBatchReads(w.deps);
    expect(await deliverOutbound(w.acks[0]!, 2, again)).toBe('duplicate');
    expect(w.sender.sent).toHaveLength(3);
  });

  it('does not keep a failed reading: the next mail of the batch reads again', async () => {
    const w = await world();
    w.reads.failContext = 1;
    const batch = sharingBatchReads(w.deps);

    await expect(deliverOutbound(w.acks[0]!, 1, batch)).rejects.toThrow('counter read failed');
    expect(await deliverOutbound(w.acks[1]!, 1, batch)).toBe('sent');
    expect(await deliverOutbound(w.acks[0]!, 2, batch)).toBe('sent');

    expect(w.reads.context).toBe(2);
    expect(w.sender.sent).toHaveLength(2);
  });
});
