import { BROADCAST_PAGE_SIZE, fanOutNotice } from '../../lambdas/app/mailer/fan-out-notice';
import { createNotice } from '../../lambdas/app/api/notices';
import type { Case, CaseStatus } from '../../lambdas/core/case';
import { NoticeBroadcastPageSchema, type NoticeBroadcastPage } from '../../lambdas/core/notice-broadcast';
import type { OutboundRequest } from '../../lambdas/core/outbound-request';
import { InMemoryCaseRepository } from '../fakes/case-repository';
import { SequentialIds } from '../fakes/clock';
import { InMemoryQueue } from '../fakes/queue';
import { InMemoryNoticeStore } from '../fakes/stores';
import { aCase as caseFixture } from '../support/case-fixture';

function aCase(status: CaseStatus, i: number): Case {
  return caseFixture({
    status,
    customer: { address: `c${i}@customer.example`, kind: 'individual' },
    participants: [`c${i}@customer.example`],
    createdAt: new Date(Date.UTC(2026, 10, 23, 10, 0, i)).toISOString(),
  });
}

async function setup(counts: Partial<Record<CaseStatus, number>>) {
  const repo = new InMemoryCaseRepository();
  const notices = new InMemoryNoticeStore();
  const queue = new InMemoryQueue();
  const open: string[] = [];
  let i = 0;
  for (const [status, n] of Object.entries(counts) as [CaseStatus, number][])
    for (let k = 0; k < n; k++) {
      const c = aCase(status, i++);
      await repo.commit({ case: c, expectedVersion: null });
      if (status !== 'resolved' && status !== 'closed') open.push(c.tracking);
    }
  return { repo, notices, queue, open };
}

const actor = { sub: 'sup-1', roles: ['supervisor' as const] };
const notice = {
  kind: 'incident' as const,
  message: 'Deposits in ETH are delayed.',
  startsAt: '2026-11-23T09:00:00.000Z',
  extraDelayMinutes: 60,
};

describe('a broadcast notice', () => {
  it('is one queued fan-out message for the API, whatever the number of open cases', async () => {
    const { repo, notices, queue } = await setup({ open: 250 });
    const declared = await createNotice(
      { actor, notice, broadcast: true, idempotencyKey: 'k1' },
      { notices, queue, ids: new SequentialIds() },
    );
    expect(declared.broadcastQueued).toBe(true);
    expect(queue.sent.map((m) => [m.queue, m.body])).toEqual([
      ['outbound-bulk', { type: 'notice_broadcast', noticeId: declared.notice.id, statusIndex: 0 }],
    ]);
    const again = await createNotice(
      { actor, notice, broadcast: true, idempotencyKey: 'k1' },
      { notices, queue, ids: new SequentialIds() },
    );
    expect(again).toMatchObject({ replayed: true, broadcastQueued: false });
    expect(queue.sent).toHaveLength(1);
    expect(await repo.queryCases({ status: 'open', limit: 1 })).toMatchObject({ items: [expect.anything()] });
  });

  it('fans out page by page on the bulk lane to every open case, once each, and to no closed case', async () => {
    const { repo, notices, queue, open } = await setup({ new: 130, open: 90, pending: 5, resolved: 7, closed: 3 });
    await notices.put({ id: 'n1', ...notice }, 'sup-1');
    queue.sent.push({
      queue: 'outbound-bulk',
      body: { type: 'notice_broadcast', noticeId: 'n1', statusIndex: 0 },
      delaySeconds: 0,
    });
    const mails: OutboundRequest[] = [];
    let pages = 0;
    for (;;) {
      const next = queue.take('outbound-bulk');
      if (next.length === 0) break;
      for (const m of next) {
        if ((m.body as { type?: string }).type === 'notice_broadcast') {
          pages++;
          await fanOutNotice(NoticeBroadcastPageSchema.parse(m.body), { repo, notices, queue });
        } else mails.push(m.body as OutboundRequest);
      }
    }
    expect(queue.bodies('outbound')).toEqual([]);
    expect(mails.map((m) => m.tracking).sort()).toEqual([...open].sort());
    expect(new Set(mails.map((m) => m.tracking)).size).toBe(225);
    expect(mails.every((m) => m.purpose === 'notice' && m.purposeKey === 'notice:n1')).toBe(true);
    // new: 2 pages, open: 1, pending: 1.
    expect(pages).toBe(Math.ceil(130 / BROADCAST_PAGE_SIZE) + 1 + 1);
  });

  it('stops fanning out once the notice is withdrawn', async () => {
    const { repo, notices, queue } = await setup({ open: 3 });
    const page: NoticeBroadcastPage = { type: 'notice_broadcast', noticeId: 'gone', statusIndex: 0 };
    expect(await fanOutNotice(page, { repo, notices, queue })).toEqual({ withdrawn: true });
    expect(queue.sent).toEqual([]);
  });
});
