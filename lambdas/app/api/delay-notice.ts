import { isOpen } from '../../core/case';
import { IllegalTransitionError, ValidationError } from '../../core/errors';
import { DELAY_NOTICE_REQUIRED_FLAG } from '../deadlines/handle-timer';
import type { OutboundRequest } from '../deps';
import { commitCaseEdit } from '../mutate-case';
import { apiIdempotencyKey, commitWithRetry, loadCase } from './case-access';
import { etagOf, json, type ApiResponse } from './http';
import { principalOf, type ApiDeps, type ApiRequest } from './request';
import { DelayNoticeBody } from './schemas';

/**
 * `POST /cases/{tracking}/delay-notices`: tells the customer, in their language, why the decision is late
 * and when to expect it (MiCA and FCA complaint handling; DFS guidance on notice of delays). The reason
 * is the agent's own words: a regulator expects the real reason, not a generic one.
 */
export async function postDelayNotice(
  req: ApiRequest,
  deps: Pick<ApiDeps, 'repo' | 'clock' | 'queue'>,
): Promise<ApiResponse> {
  const p = principalOf(req);
  const body = DelayNoticeBody.parse(req.body);
  const idem = apiIdempotencyKey(req, p);
  const first = await loadCase(deps.repo, req.params.tracking ?? '');
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
        );
  if (outbound) await deps.queue.send('outbound', outbound);
  return json(
    201,
    { case: result.case, replayed: result.replayed },
    { etag: etagOf(result.case.version), ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}) },
  );
}
