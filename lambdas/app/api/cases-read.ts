import { accessRecord } from '../../core/access-log';
import type { CaseStatus } from '../../core/case';
import { CASE_TYPES } from '../../core/case';
import { ValidationError } from '../../core/errors';
import type { ListedCase, MessagePosition } from '../../core/ports';
import type { Actor } from './actor';
import type { ApiDeps } from './api-deps';
import { loadCase } from './case-access';
import {
  caseSummary,
  caseView,
  isBreaching,
  presentMessage,
  visibleThread,
  type CaseSummary,
  type CaseView,
} from './present';

/** Pages read from the index per request at most, when filters drop many items (bounds the latency). */
const MAX_ROUNDS = 10;

export interface CaseListQuery {
  /** The caller: a look-up by customer is a read of that person's data and goes to the access log. */
  readonly actor: Actor;
  readonly status?: CaseStatus;
  /** One customer's cases (their address, any case), on the customer index. */
  readonly customer?: string;
  readonly assignee?: string;
  /** A case type (request, complaint) or a topic. */
  readonly category?: string;
  readonly breaching?: boolean;
  readonly limit: number;
  readonly cursor?: string;
}

export interface CaseList {
  readonly items: readonly CaseSummary[];
  readonly cursor?: string;
}

/**
 * The case list: by customer on the customer index, else by status and assignee on the status index;
 * category and breaching filter the items.
 */
export async function listCases(
  q: CaseListQuery,
  deps: Pick<ApiDeps, 'repo' | 'clock' | 'accessLog'>,
): Promise<CaseList> {
  const now = deps.clock.now();
  if (q.customer !== undefined)
    await deps.accessLog.record(
      accessRecord({ at: now, actor: q.actor.sub, action: 'customer_lookup', target: q.customer.toLowerCase() }),
    );
  const isType = (CASE_TYPES as readonly string[]).includes(q.category ?? '');
  const keep = (c: ListedCase): boolean =>
    (q.category === undefined || (isType ? c.type === q.category : c.topic === q.category)) &&
    (q.breaching === undefined || isBreaching(c, now) === q.breaching);
  const items: ListedCase[] = [];
  let cursor = q.cursor;
  for (let round = 0; round < MAX_ROUNDS && items.length < q.limit; round++) {
    const page = await deps.repo.queryCases({
      ...(q.status ? { status: q.status } : {}),
      ...(q.assignee ? { assignee: q.assignee } : {}),
      ...(q.customer ? { customer: q.customer } : {}),
      limit: q.limit - items.length,
      ...(cursor ? { cursor } : {}),
    });
    items.push(...page.items.filter(keep));
    cursor = page.cursor;
    if (!cursor) break;
  }
  return { items: items.map((c) => caseSummary(c, now)), ...(cursor ? { cursor } : {}) };
}

/** Thread entries per page of `GET /cases/{t}` unless the caller asks for fewer or more: a whole normal thread. */
export const THREAD_PAGE_DEFAULT = 100;
export const THREAD_PAGE_MAX = 200;
/**
 * A page of the thread stops adding entries past this many bytes of JSON and hands back a cursor: Lambda
 * answers at most 6 MB, and the case, its deadlines and its events travel beside the thread.
 */
export const THREAD_PAGE_BYTES = 4 * 1024 * 1024;

export interface CaseViewPage extends CaseView {
  /** Pass back as `cursor` for the next entries of the thread; absent on its last page. */
  readonly cursor?: string;
}

function encodeThreadCursor(p: MessagePosition): string {
  return Buffer.from(JSON.stringify({ at: p.at, id: p.id }), 'utf8').toString('base64url');
}

function decodeThreadCursor(raw: string): MessagePosition {
  try {
    const p = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<MessagePosition>;
    if (typeof p.at === 'string' && typeof p.id === 'string') return { at: p.at, id: p.id };
  } catch {
    /* fall through */
  }
  throw new ValidationError('the cursor is malformed: pass back the cursor from the previous page unchanged');
}

/**
 * One case with a page of its thread (oldest first), deadlines and audit events, as `actor` may see it.
 * A thread longer than `limit` entries, or than {@link THREAD_PAGE_BYTES}, continues with `cursor`. The
 * read is recorded in the access log first: a read that cannot be recorded is not served.
 */
export async function getCase(
  cmd: { readonly actor: Actor; readonly tracking: string; readonly limit?: number; readonly cursor?: string },
  deps: Pick<ApiDeps, 'repo' | 'clock' | 'accessLog'>,
): Promise<CaseViewPage> {
  const c = await loadCase(deps.repo, cmd.tracking);
  const after = cmd.cursor !== undefined ? decodeThreadCursor(cmd.cursor) : undefined;
  await deps.accessLog.record(
    accessRecord({ at: deps.clock.now(), actor: cmd.actor.sub, action: 'case_read', target: c.tracking }),
  );
  const [page, events] = await Promise.all([
    deps.repo.listMessagePage(c.tracking, { limit: cmd.limit ?? THREAD_PAGE_DEFAULT, ...(after ? { after } : {}) }),
    deps.repo.listEvents(c.tracking),
  ]);
  const view = caseView(c, [], events, cmd.actor, deps.clock.now());
  const thread: ReturnType<typeof presentMessage>[] = [];
  let bytes = 0;
  let last: MessagePosition | undefined;
  let cut = false;
  for (const m of page.items) {
    for (const visible of visibleThread([m], cmd.actor)) {
      const shown = presentMessage(visible);
      const size = Buffer.byteLength(JSON.stringify(shown), 'utf8');
      if (thread.length > 0 && bytes + size > THREAD_PAGE_BYTES) cut = true;
      else {
        thread.push(shown);
        bytes += size;
      }
    }
    if (cut) break;
    last = { at: m.at, id: m.id };
  }
  const more = cut || page.more;
  return { ...view, thread, ...(more && last ? { cursor: encodeThreadCursor(last) } : {}) };
}
