import type { Case, CaseStatus } from '../../core/case';
import type { ParsedMail } from '../../core/intake/parsed-mail';
import type { PendingReferences } from '../../core/ports';
import { commitCaseEdit } from '../mutate-case';
import { sendFollowUps } from './follow-ups';
import { idempotencyKeys, inboundMessage } from './inbound-message';
import { storeAttachments } from './store-attachments';
import { MAX_THREAD_IDS, type InboundMail, type IntakeDeps, type IntakeOutcome, type Verdict } from './intake-types';

/**
 * Appends a customer's reply to its case, reopening it when it was resolved or waiting on the customer.
 * `silent`: the mail joins through a pending reference (the customer was acknowledged for the case once).
 */
export async function threadReply(
  current: Case,
  parsed: ParsedMail,
  mail: InboundMail,
  verdict: Verdict,
  deps: IntakeDeps,
  options: { readonly silent?: boolean; readonly pending?: PendingReferences } = {},
): Promise<IntakeOutcome> {
  const now = deps.clock.now();
  const at = now.toISOString();
  // A customer reply means the ball is in our court again (docs/architecture.md, "Case lifecycle").
  const reopened: CaseStatus = current.status === 'new' ? 'new' : 'open';
  let edited: Case = {
    ...current,
    status: reopened,
    lastCustomerMessageAt: at,
    threadMessageIds: parsed.messageId
      ? [...current.threadMessageIds, parsed.messageId].slice(-MAX_THREAD_IDS)
      : current.threadMessageIds,
  };
  if (current.status === 'resolved') {
    const { resolvedAt: _r, resolution: _res, ...rest } = edited;
    edited = rest;
  }
  const specs = [
    ...(current.status === 'resolved' || current.status === 'pending'
      ? [
          {
            at,
            actor: 'customer',
            type: 'status_changed',
            data: { from: current.status, to: 'open', why: 'customer_replied' },
          },
        ]
      : []),
    {
      at,
      actor: 'customer',
      type: 'customer_replied',
      data: {
        messageId: mail.sesMessageId,
        classification: verdict.kind,
        ...(options.silent ? { via: 'pending_reference' } : {}),
      },
    },
  ];
  const attachments = await storeAttachments(parsed, mail, current.tracking, deps);
  const { case: c } = await commitCaseEdit(
    deps,
    current,
    {
      case: edited,
      events: specs,
      replan: 'customer_replied',
      messages: [inboundMessage(parsed, mail, at, verdict, attachments)],
      messageIdLinks: parsed.messageId ? [parsed.messageId] : [],
      idempotencyKeys: idempotencyKeys(parsed, mail),
      ...(options.pending ? { pendingReferences: options.pending } : {}),
    },
    now,
  );
  const ack = !options.silent && deps.profile.acknowledgeReplies && verdict.acknowledge ? 'reply_received' : undefined;
  await sendFollowUps(c, current.deadlines, ack, deps, now, mail.sesMessageId);
  return { kind: 'threaded', tracking: c.tracking };
}
