import type { Case } from '../../core/case';
import { CASE_TYPES } from '../../core/case';
import { etagOf, json, type ApiResponse } from './http';
import { caseSummary, caseView, isBreaching } from './present';
import { loadCase } from './case-access';
import { principalOf, type ApiDeps, type ApiRequest } from './request';
import { ListQuery } from './schemas';

/** Pages read from the index per request at most, when filters drop many items (bounds the latency). */
const MAX_ROUNDS = 10;

/** `GET /cases`: filters by status and assignee in the index, by category and breaching on the items. */
export async function listCases(req: ApiRequest, deps: Pick<ApiDeps, 'repo' | 'clock'>): Promise<ApiResponse> {
  const q = ListQuery.parse(req.query);
  const now = deps.clock.now();
  const isType = (CASE_TYPES as readonly string[]).includes(q.category ?? '');
  const keep = (c: Case): boolean =>
    (q.category === undefined || (isType ? c.type === q.category : c.topic === q.category)) &&
    (q.breaching === undefined || isBreaching(c, now) === (q.breaching === 'true'));
  const items: Case[] = [];
  let cursor = q.cursor;
  for (let round = 0; round < MAX_ROUNDS && items.length < q.limit; round++) {
    const page = await deps.repo.queryCases({
      ...(q.status ? { status: q.status } : {}),
      ...(q.assignee ? { assignee: q.assignee } : {}),
      limit: q.limit - items.length,
      ...(cursor ? { cursor } : {}),
    });
    items.push(...page.items.filter(keep));
    cursor = page.cursor;
    if (!cursor) break;
  }
  return json(200, { items: items.map((c) => caseSummary(c, now)), ...(cursor ? { cursor } : {}) });
}

/** `GET /cases/{tracking}`: the case with its thread, deadlines and audit events; ETag = version. */
export async function getCase(req: ApiRequest, deps: Pick<ApiDeps, 'repo' | 'clock'>): Promise<ApiResponse> {
  const c = await loadCase(deps.repo, req.params.tracking ?? '');
  const [messages, events] = await Promise.all([deps.repo.listMessages(c.tracking), deps.repo.listEvents(c.tracking)]);
  return json(200, caseView(c, messages, events, principalOf(req), deps.clock.now()), { etag: etagOf(c.version) });
}
