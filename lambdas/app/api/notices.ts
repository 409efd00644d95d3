import { NotFoundError } from '../../core/errors';
import { NoticeSchema, type Notice } from '../../core/notice';
import { firstBroadcastPage } from '../../core/notice-broadcast';
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
  /**
   * Whether a broadcast was queued (its fan-out runs on the bulk mail lane, never inside this request);
   * false without broadcast and on a replay.
   */
  readonly broadcastQueued: boolean;
  readonly replayed: boolean;
}

/**
 * Declares a maintenance or incident notice, shown in acknowledgements
 * and updates while active (DFS: tell customers about expected delays). With `broadcast: true` it is also
 * mailed once to every customer with an open case: this queues one fan-out message on the bulk lane
 * (lambdas/app/mailer/fan-out-notice.ts), whatever the number of cases. An Idempotency-Key makes the id
 * stable, so a retried request neither duplicates the notice nor the broadcast.
 */
export async function createNotice(
  cmd: DeclareNoticeCommand,
  deps: Pick<ApiDeps, 'notices' | 'queue' | 'ids'>,
): Promise<DeclaredNotice> {
  const idem = scopedIdempotencyKey(cmd);
  const id = idem ? idFromKey(idem) : deps.ids.id();
  const replayed = idem !== undefined && (await deps.notices.list()).some((n) => n.id === id);
  const notice = NoticeSchema.parse({ id, ...cmd.notice });
  if (!replayed) await deps.notices.put(notice, cmd.actor.sub);
  const broadcastQueued = cmd.broadcast && !replayed;
  if (broadcastQueued) await deps.queue.send('outbound-bulk', firstBroadcastPage(notice.id));
  return { notice, broadcastQueued, replayed };
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
