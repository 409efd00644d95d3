import { NotFoundError } from '../../core/errors';
import { NoticeSchema, type Notice } from '../../core/notice';
import type { OutboundRequest } from '../deps';
import { apiIdempotencyKey, idFromKey } from './case-access';
import { json, type ApiResponse } from './http';
import { principalOf, type ApiDeps, type ApiRequest } from './request';
import { NoticeBody } from './schemas';

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
 * `POST /notices` (supervisor): declares a maintenance or incident notice, shown in acknowledgements
 * and updates while active (DFS: tell customers about expected delays). With `broadcast: true` it is also
 * mailed once to every customer with an open case. An Idempotency-Key makes the id stable, so a retried
 * request neither duplicates the notice nor the broadcast.
 */
export async function createNotice(
  req: ApiRequest,
  deps: Pick<ApiDeps, 'notices' | 'repo' | 'queue' | 'ids'>,
): Promise<ApiResponse> {
  const p = principalOf(req);
  const { broadcast: wantBroadcast, ...fields } = NoticeBody.parse(req.body);
  const idem = apiIdempotencyKey(req, p);
  const id = idem ? idFromKey(idem) : deps.ids.id();
  const replayed = idem !== undefined && (await deps.notices.list()).some((n) => n.id === id);
  const notice = NoticeSchema.parse({ id, ...fields });
  if (!replayed) await deps.notices.put(notice, p.sub);
  const broadcastTo = wantBroadcast && !replayed ? await broadcast(notice, deps) : 0;
  return json(201, { notice, broadcastTo, replayed }, { location: `/notices/${encodeURIComponent(id)}` });
}

export async function listNotices(_req: ApiRequest, deps: Pick<ApiDeps, 'notices'>): Promise<ApiResponse> {
  return json(200, { items: await deps.notices.list() });
}

export async function deleteNotice(req: ApiRequest, deps: Pick<ApiDeps, 'notices'>): Promise<ApiResponse> {
  const p = principalOf(req);
  const id = decodeURIComponent(req.params.id ?? '');
  if (!(await deps.notices.delete(id, p.sub))) throw new NotFoundError(`no notice ${id}`);
  return { statusCode: 204, headers: { 'cache-control': 'no-store' }, body: '' };
}
