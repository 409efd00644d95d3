import { BROADCAST_STATUSES, type NoticeBroadcastPage } from '../../core/notice-broadcast';
import type { OutboundRequestOf } from '../../core/outbound-request';
import type { CaseRepository, NoticeStore, Queue } from '../../core/ports';

/** Cases listed per fan-out page: one query, ten SQS batch sends. */
export const BROADCAST_PAGE_SIZE = 100;

export interface FanOutDeps {
  readonly repo: Pick<CaseRepository, 'queryCases'>;
  readonly notices: Pick<NoticeStore, 'list'>;
  readonly queue: Queue;
}

export type FanOutOutcome = { readonly queued: number; readonly next: boolean } | { readonly withdrawn: true };

/**
 * Works one page of a broadcast: queues the notice for each open case of the page on the bulk lane
 * (the mailer sends it once per case and notice, so a page run twice sends nothing twice), then queues
 * the next page (or the first page of the next status). A notice withdrawn meanwhile stops the fan-out.
 * The next page is queued last: if anything fails before, SQS redelivers this page.
 */
export async function fanOutNotice(page: NoticeBroadcastPage, deps: FanOutDeps): Promise<FanOutOutcome> {
  if (!(await deps.notices.list()).some((n) => n.id === page.noticeId)) return { withdrawn: true };
  const status = BROADCAST_STATUSES[page.statusIndex];
  if (!status) return { queued: 0, next: false };
  const cases = await deps.repo.queryCases({
    status,
    limit: BROADCAST_PAGE_SIZE,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
  await deps.queue.sendBatch(
    'outbound-bulk',
    cases.items.map((c) => {
      const body: OutboundRequestOf<'notice'> = {
        tracking: c.tracking,
        purpose: 'notice',
        purposeKey: `notice:${page.noticeId}`,
        data: { noticeId: page.noticeId },
      };
      return { body };
    }),
  );
  const next: NoticeBroadcastPage | undefined = cases.cursor
    ? { ...page, cursor: cases.cursor }
    : page.statusIndex + 1 < BROADCAST_STATUSES.length
      ? { type: 'notice_broadcast', noticeId: page.noticeId, statusIndex: page.statusIndex + 1 }
      : undefined;
  if (next) await deps.queue.send('outbound-bulk', next);
  return { queued: cases.items.length, next: next !== undefined };
}
