import { accessRecord } from '../../core/access-log';
import type { CaseStatus } from '../../core/case';
import { CASE_TYPES } from '../../core/case';
import type { ListedCase } from '../../core/ports';
import type { Actor } from './actor';
import type { ApiDeps } from './api-deps';
import { loadCase } from './case-access';
import { caseSummary, caseView, isBreaching, type CaseSummary, type CaseView } from './present';

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

/**
 * One case with its thread, deadlines and audit events, as `actor` may see it. The read is recorded in
 * the access log first: a read that cannot be recorded is not served.
 */
export async function getCase(
  cmd: { readonly actor: Actor; readonly tracking: string },
  deps: Pick<ApiDeps, 'repo' | 'clock' | 'accessLog'>,
): Promise<CaseView> {
  const c = await loadCase(deps.repo, cmd.tracking);
  await deps.accessLog.record(
    accessRecord({ at: deps.clock.now(), actor: cmd.actor.sub, action: 'case_read', target: c.tracking }),
  );
  const [messages, events] = await Promise.all([deps.repo.listMessages(c.tracking), deps.repo.listEvents(c.tracking)]);
  return caseView(c, messages, events, cmd.actor, deps.clock.now());
}
