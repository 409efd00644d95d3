import { assertTransition, type Case } from '../../core/case';
import { armDeadlines } from '../arm-deadlines';
import type { OutboundRequest } from '../deps';
import { commitCaseEdit } from '../mutate-case';
import { apiIdempotencyKey, commitWithRetry, loadCase, type WriteResult } from './case-access';
import { etagOf, json, type ApiResponse } from './http';
import { countFirstResponse } from './reply';
import { principalOf, type ApiDeps, type ApiRequest } from './request';
import { ResolveBody } from './schemas';

const closingMail = (
  tracking: Case['tracking'],
  seq: number,
  data: { outcome: string; explanation: string },
): OutboundRequest => ({
  tracking,
  purpose: 'resolution',
  purposeKey: `resolution:${seq}`,
  data: { outcome: data.outcome, explanation: data.explanation },
});

/**
 * `POST /cases/{tracking}/resolve`: records the outcome and its explanation (required unless the outcome
 * is full: DFS expects a detailed explanation when a case is not resolved to the customer's satisfaction)
 * and asks the mailer for the closing mail, which carries the explanation, how to reopen or escalate, the
 * complaint disclosure and the satisfaction link.
 */
export async function resolveCase(req: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  const p = principalOf(req);
  const body = ResolveBody.parse(req.body);
  const idem = apiIdempotencyKey(req, p);
  const first = await loadCase(deps.repo, req.params.tracking ?? '');
  const replay = async (): Promise<WriteResult> => {
    const c = (await deps.repo.getCase(first.tracking))!;
    // Re-queue the closing mail: the original request may have stopped between commit and enqueue.
    const resolved = (await deps.repo.listEvents(c.tracking))
      .filter((e) => e.type === 'resolved' && e.actor === p.sub)
      .at(-1);
    if (resolved)
      await deps.queue.send(
        'outbound',
        closingMail(c.tracking, resolved.seq, resolved.data as { outcome: string; explanation: string }),
      );
    return { case: c, replayed: true };
  };
  let before: Case['deadlines'] = {};
  let wasFirst = false;
  let seq = 0;
  const result =
    idem && (await deps.repo.findIdempotencyKey(idem))
      ? await replay()
      : await commitWithRetry(
          deps.repo,
          first.tracking,
          async (current) => {
            assertTransition(current.status, 'resolved');
            const now = deps.clock.now();
            const at = now.toISOString();
            const explanation = body.explanation ?? '';
            wasFirst = !current.firstResponseAt;
            const { case: next } = await commitCaseEdit(
              deps,
              current,
              {
                case: {
                  ...current,
                  status: 'resolved',
                  resolvedAt: at,
                  // The closing mail is a response to the customer.
                  firstResponseAt: current.firstResponseAt ?? at,
                  lastAgentMessageAt: at,
                  resolution: { outcome: body.outcome, explanation, by: p.sub, at },
                },
                events: [
                  {
                    at,
                    actor: p.sub,
                    type: 'status_changed',
                    data: { from: current.status, to: 'resolved', why: 'resolved' },
                  },
                  { at, actor: p.sub, type: 'resolved', data: { outcome: body.outcome, explanation } },
                ],
                replan: 'resolved',
                ...(idem ? { idempotencyKeys: [idem] } : {}),
              },
              now,
            );
            before = current.deadlines;
            seq = next.eventSeq;
            return next;
          },
          replay,
          first,
        );
  if (!result.replayed) {
    const now = deps.clock.now();
    if (wasFirst) await countFirstResponse(deps, now);
    await deps.queue.send(
      'outbound',
      closingMail(result.case.tracking, seq, { outcome: body.outcome, explanation: body.explanation ?? '' }),
    );
    await armDeadlines(deps.queue, result.case, before, now);
  }
  return json(
    200,
    { case: result.case, replayed: result.replayed },
    { etag: etagOf(result.case.version), ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}) },
  );
}
