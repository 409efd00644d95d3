import { assertTransition, type Case, type Outcome } from '../../core/case';
import { armDeadlines } from '../arm-deadlines';
import type { OutboundRequest, OutboundRequestOf } from '../../core/outbound-request';
import { commitCaseEdit } from '../mutate-case';
import type { ApiDeps } from './api-deps';
import { commitWithRetry, loadCase, scopedIdempotencyKey, type CaseCommand, type WriteResult } from './case-access';
import { countFirstResponse } from './reply';

export interface ResolveCommand extends CaseCommand {
  readonly outcome: Outcome;
  /** Required (and checked at the edge) unless the outcome is full. */
  readonly explanation?: string;
}

type ClosingData = NonNullable<OutboundRequestOf<'resolution'>['data']>;

const closingMail = (tracking: Case['tracking'], seq: number, data: ClosingData): OutboundRequest => ({
  tracking,
  purpose: 'resolution',
  purposeKey: `resolution:${seq}`,
  data: { outcome: data.outcome, explanation: data.explanation },
});

/**
 * Records the outcome and its explanation (required unless the outcome
 * is full: DFS expects a detailed explanation when a case is not resolved to the customer's satisfaction)
 * and asks the mailer for the closing mail, which carries the explanation, how to reopen or escalate, the
 * complaint disclosure and the satisfaction link.
 */
export async function resolveCase(cmd: ResolveCommand, deps: ApiDeps): Promise<WriteResult> {
  const p = cmd.actor;
  const body = cmd;
  const idem = scopedIdempotencyKey(cmd);
  const first = await loadCase(deps.repo, cmd.tracking);
  const replay = async (): Promise<WriteResult> => {
    const c = (await deps.repo.getCase(first.tracking))!;
    // Re-queue the closing mail: the original request may have stopped between commit and enqueue.
    const resolved = (await deps.repo.listEvents(c.tracking))
      .filter((e) => e.type === 'resolved' && e.actor === p.sub)
      .at(-1);
    if (resolved)
      await deps.queue.send('outbound', closingMail(c.tracking, resolved.seq, resolved.data as ClosingData));
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
          cmd.expectedVersions,
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
  return result;
}
