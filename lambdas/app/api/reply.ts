import type { Case, CaseStatus } from '../../core/case';
import { ConflictError } from './errors';
import { sanitiseHtml } from '../../core/html-sanitiser';
import type { CaseMessage } from '../../core/message';
import { minutesBetween } from '../../core/reports/percentile';
import { AGENT_REPLIED, type AgentRepliedData } from '../../core/reports/reply-event';
import { armDeadlines } from '../arm-deadlines';
import type { OutboundRequest } from '../deps';
import { commitCaseEdit } from '../mutate-case';
import { AWAITING_FIRST_RESPONSE, firstResponsesKey } from '../stats';
import type { ApiDeps } from './api-deps';
import {
  commitWithRetry,
  idFromKey,
  loadCase,
  scopedIdempotencyKey,
  type CaseCommand,
  type WriteResult,
} from './case-access';

export interface ReplyCommand extends CaseCommand {
  readonly text: string;
  /** Sanitised again here: whatever the client sent, no script reaches the customer. */
  readonly html?: string;
  /** Where the case goes after the reply: `pending` when we wait on the customer. */
  readonly status?: 'open' | 'pending';
}

/** A recorded reply or note: the case after it and the thread entry's id. */
export interface MessageWriteResult extends WriteResult {
  readonly messageId: string;
}

/** The first-response counters feed the surge-aware response time the acknowledgement states. */
export async function countFirstResponse(deps: Pick<ApiDeps, 'repo'>, now: Date): Promise<void> {
  await deps.repo.incrementCounter(AWAITING_FIRST_RESPONSE, undefined, -1);
  await deps.repo.incrementCounter(firstResponsesKey(now), new Date(now.getTime() + 3 * 3600_000));
}

/** Which response deadline a reply answers now, and whether it is on time. */
function owedFor(c: Case, now: Date): AgentRepliedData['owed'] {
  for (const kind of ['first_response', 'next_response', 'escalation'] as const) {
    const d = c.deadlines[kind];
    if (d) return { kind, dueAt: d.dueAt, met: now.getTime() <= Date.parse(d.dueAt) };
  }
  return undefined;
}

/** Minutes the customer had been waiting: since the case opened, or since their unanswered message. */
function waitedMinutes(c: Case, now: Date): number | undefined {
  const since = !c.firstResponseAt
    ? c.createdAt
    : c.lastCustomerMessageAt && (!c.lastAgentMessageAt || c.lastCustomerMessageAt > c.lastAgentMessageAt)
      ? c.lastCustomerMessageAt
      : undefined;
  return since ? Math.round(minutesBetween(since, now.toISOString()) * 100) / 100 : undefined;
}

/**
 * Records the agent's reply on the case (first response, deadlines
 * re-planned, audit event), then asks the mailer to send it threaded. The API never sends mail itself:
 * the commit comes first, so a crash leaves a recorded reply that a retry with the same Idempotency-Key
 * re-enqueues (the mailer sends once per purpose key).
 */
export async function postReply(cmd: ReplyCommand, deps: ApiDeps): Promise<MessageWriteResult> {
  const p = cmd.actor;
  const body = cmd;
  const idem = scopedIdempotencyKey(cmd);
  const first = await loadCase(deps.repo, cmd.tracking);
  const messageId = `reply-${idem ? idFromKey(idem) : deps.ids.id()}`;
  const outbound = (c: Case): OutboundRequest => ({
    tracking: c.tracking,
    purpose: 'agent_reply',
    purposeKey: `agent_reply:${messageId}`,
    data: { text: body.text, ...(body.html ? { html: sanitiseHtml(body.html) } : {}), author: p.sub },
  });
  const replay = async (): Promise<WriteResult> => {
    const c = (await deps.repo.getCase(first.tracking))!;
    // Re-enqueue: the original request may have crashed between commit and enqueue; the mailer de-duplicates.
    if ((await deps.repo.listMessages(c.tracking)).some((m) => m.id === messageId))
      await deps.queue.send('outbound', outbound(c));
    return { case: c, replayed: true };
  };
  if (idem && (await deps.repo.findIdempotencyKey(idem))) return { ...(await replay()), messageId };

  let before: Case['deadlines'] = {};
  let wasFirst = false;
  const result = await commitWithRetry(
    deps.repo,
    first.tracking,
    async (current) => {
      if (current.status === 'closed') throw new ConflictError('the case is closed: a closed case takes no replies');
      if (current.status === 'resolved')
        throw new ConflictError('the case is resolved: reopen it (PATCH status open) before replying');
      const now = deps.clock.now();
      const at = now.toISOString();
      const to: CaseStatus = body.status ?? 'open';
      wasFirst = !current.firstResponseAt;
      const data: AgentRepliedData = {
        messageId,
        firstResponse: wasFirst,
        ...(owedFor(current, now) ? { owed: owedFor(current, now)! } : {}),
        ...(waitedMinutes(current, now) !== undefined ? { waitedMinutes: waitedMinutes(current, now)! } : {}),
      };
      const specs = [
        { at, actor: p.sub, type: AGENT_REPLIED, data: { ...data } },
        ...(to !== current.status
          ? [{ at, actor: p.sub, type: 'status_changed', data: { from: current.status, to, why: 'agent_replied' } }]
          : []),
      ];
      const message: CaseMessage = {
        id: messageId,
        at,
        direction: 'out',
        from: deps.profile.supportAddress,
        to: [current.customer.address],
        subject: current.subject,
        text: body.text,
        ...(body.html ? { html: sanitiseHtml(body.html) } : {}),
        author: p.sub,
        purpose: 'agent_reply',
      };
      const { case: next } = await commitCaseEdit(
        deps,
        current,
        {
          case: {
            ...current,
            status: to,
            lastAgentMessageAt: at,
            firstResponseAt: current.firstResponseAt ?? at,
          },
          events: specs,
          replan: 'agent_replied',
          messages: [message],
          ...(idem ? { idempotencyKeys: [idem] } : {}),
        },
        now,
      );
      before = current.deadlines;
      return next;
    },
    replay,
    first,
    cmd.expectedVersions,
  );
  if (!result.replayed) {
    const now = deps.clock.now();
    if (wasFirst) await countFirstResponse(deps, now);
    await deps.queue.send('outbound', outbound(result.case));
    await armDeadlines(deps.queue, result.case, before, now);
  }
  return { ...result, messageId };
}
