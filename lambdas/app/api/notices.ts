import { NotFoundError } from '../../core/errors';
import { NoticeSchema, type Notice } from '../../core/notice';
import type { OutboundRequest } from '../deps';
import type { Actor } from './actor';
import type { ApiDeps } from './api-deps';
import { idFromKey, scopedIdempotencyKey } from './case-access';

/** A notice as a supervisor declares it: the stored notice without its id, and whether to mail it out. */
export interface DeclareNoticeCommand {
  readonly actor: Actor;
  readonly idempotencyKey?: string;
  readonly notice: Omit<Notice, 'id'>;
  /** Also mail the notice to every customer with an open case (once per case). */
  readonly broadcast: boolean;
}

export interface DeclaredNotice {
  readonly notice: Notice;
  /** Cases the notice was queued for (0 without broadcast, and on a replay). */
  readonly broadcastTo: number;
  readonly replayed: boolean;
}

/** Statuses whose customers hear about a broadcast notice (the case is still open for them). */
const OPEN_STATUSES = ['new', 'open', 'pending'] as const;
const PAGE = 100;

/** Enqueues the notice for every customer with an open case; the mailer sends once per (case, `notice:<id>`). */
async function broadcast(n: Notice, deps: Pick<ApiDeps, 'repo' | 'queue'>): Promise<number> {
  let sent = 0;
  for (const status of OPEN_STATUSES) {
    let cursor: string | undefined;
    do {
      const page = await deps.repo.queryCases({ status, limit: PAGE, ...(cursor ? { cursor } : {}) });
      await Promise.all(
        page.items.map((c) => {
          const req: OutboundRequest = {
            tracking: c.tracking,
            purpose: 'notice',
            purposeKey: `notice:${n.id}`,
            data: { noticeId: n.id },
          };
          return deps.queue.send('outbound', req);
        }),
      );
      sent += page.items.length;
      cursor = page.cursor;
    } while (cursor);
  }
  return sent;
}

/**
 * Declares a maintenance or incident notice, shown in acknowledgements
 * and updates while active (DFS: tell customers about expected delays). With `broadcast: true` it is also
 * mailed once to every customer with an open case. An Idempotency-Key makes the id stable, so a retried
 * request neither duplicates the notice nor the broadcast.
 */
export async function createNotice(
  cmd: DeclareNoticeCommand,
  deps: Pick<ApiDeps, 'notices' | 'repo' | 'queue' | 'ids'>,
): Promise<DeclaredNotice> {
  const idem = scopedIdempotencyKey(cmd);
  const id = idem ? idFromKey(idem) : deps.ids.id();
  const replayed = idem !== undefined && (await deps.notices.list()).some((n) => n.id === id);
  const notice = NoticeSchema.parse({ id, ...cmd.notice });
  if (!replayed) await deps.notices.put(notice, cmd.actor.sub);
  const broadcastTo = cmd.broadcast && !replayed ? await broadcast(notice, deps) : 0;
  return { notice, broadcastTo, replayed };
}

export async function listNotices(deps: Pick<ApiDeps, 'notices'>): Promise<Notice[]> {
  return deps.notices.list();
}

/** Withdraws a notice; 404 when there is none by that id. */
export async function deleteNotice(
  cmd: { readonly actor: Actor; readonly id: string },
  deps: Pick<ApiDeps, 'notices'>,
): Promise<void> {
  if (!(await deps.notices.delete(cmd.id, cmd.actor.sub))) throw new NotFoundError(`no notice ${cmd.id}`);
}
