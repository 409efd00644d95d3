import { isOpen } from '../../core/case';
import { IllegalTransitionError, ValidationError } from '../../core/errors';
import { DELAY_NOTICE_REQUIRED_FLAG } from '../deadlines/handle-timer';
import type { OutboundRequest } from '../deps';
import { commitCaseEdit } from '../mutate-case';
import type { ApiDeps } from './api-deps';
import { commitWithRetry, loadCase, scopedIdempotencyKey, type CaseCommand, type WriteResult } from './case-access';

export interface DelayNoticeCommand extends CaseCommand {
  /** The agent's own words: a regulator expects the real reason, not a generic one. */
  readonly reason: string;
  /** ISO-8601 instant; must be in the future. */
  readonly expectedDecisionAt?: string;
}

/**
 * Tells the customer, in their language, why the decision is late
 * and when to expect it (MiCA and FCA complaint handling; DFS guidance on notice of delays). The reason
 * is the agent's own words: a regulator expects the real reason, not a generic one.
 */
export async function postDelayNotice(
  cmd: DelayNoticeCommand,
  deps: Pick<ApiDeps, 'repo' | 'clock' | 'queue'>,
): Promise<WriteResult> {
  const p = cmd.actor;
  const body = cmd;
  const idem = scopedIdempotencyKey(cmd);
  const first = await loadCase(deps.repo, cmd.tracking);
  const now = deps.clock.now();
  if (body.expectedDecisionAt && Date.parse(body.expectedDecisionAt) <= now.getTime()) {
    throw new ValidationError('expectedDecisionAt must be in the future');
  }
  let outbound: OutboundRequest | undefined;
  const replay = async () => ({ case: (await deps.repo.getCase(first.tracking))!, replayed: true });
  const result =
    idem && (await deps.repo.findIdempotencyKey(idem))
      ? await replay()
      : await commitWithRetry(
          deps.repo,
          first.tracking,
          async (current) => {
            if (!isOpen(current.status)) throw new IllegalTransitionError(current.status, 'delay notice');
            const at = now.toISOString();
            const { case: next } = await commitCaseEdit(
              deps,
              current,
              {
                case: {
                  ...current,
                  flags: current.flags.filter((f) => f !== DELAY_NOTICE_REQUIRED_FLAG),
                  ...(body.expectedDecisionAt
                    ? { estimatedResolutionAt: new Date(body.expectedDecisionAt).toISOString() }
                    : {}),
                },
                events: [
                  {
                    at,
                    actor: p.sub,
                    type: 'delay_notice',
                    data: {
                      reason: body.reason,
                      from: current.estimatedResolutionAt ?? null,
                      to: body.expectedDecisionAt ?? current.estimatedResolutionAt ?? null,
                    },
                  },
                ],
                ...(idem ? { idempotencyKeys: [idem] } : {}),
              },
              now,
            );
            outbound = {
              tracking: next.tracking,
              purpose: 'late_decision',
              purposeKey: `late_decision:${next.eventSeq}`,
              data: { reason: body.reason },
            };
            return next;
          },
          replay,
          first,
          cmd.expectedVersions,
        );
  if (outbound) await deps.queue.send('outbound', outbound);
  return result;
}
