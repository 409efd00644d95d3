import type { Case, CaseStatus } from '../../core/case';
import type { ParsedMail } from '../../core/intake/parsed-mail';
import type { PendingReferences } from '../../core/ports';
import { commitCaseEdit } from '../mutate-case';
import { bookAcknowledgement } from './ack-budget';
import { ackBudgetRecord } from './ack-decision';
import { sendFollowUps } from './follow-ups';
import { idempotencyKeys, inboundMessage } from './inbound-message';
import { storeAttachments } from './store-attachments';
import { storeBody } from './store-body';
import { MAX_THREAD_IDS, type IntakeDeps, type IntakeOutcome, type ReadMail, type Verdict } from './intake-types';

/**
 * Appends a customer's reply to its case, reopening it when it was resolved or waiting on the customer.
 * `silent`: the mail joins through a pending reference (the customer was acknowledged for the case once).
 */
export async function threadReply(
  current: Case,
  parsed: ParsedMail,
  mail: ReadMail,
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
  const specs: { at: string; actor: string; type: string; data: Record<string, unknown> }[] = [
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
  // The `reply_received` answer is booked against the same budget as new-case acknowledgements.
  const wantsAck = !options.silent && deps.profile.acknowledgeReplies && verdict.acknowledge;
  const budget = wantsAck ? await bookAcknowledgement(deps.ackBudget, current.customer.address, now) : undefined;
  const record = budget ? ackBudgetRecord(budget, 'reply_received', at) : {};
  if (record.event) specs.push(record.event);
  const attachments = await storeAttachments(parsed, mail, current.tracking, deps);
  const message = await storeBody(inboundMessage(parsed, mail, at, verdict, attachments), mail, deps);
  const { case: c } = await commitCaseEdit(
    deps,
    current,
    {
      case: edited,
      events: specs,
      replan: 'customer_replied',
      messages: [message],
      messageIdLinks: parsed.messageId ? [parsed.messageId] : [],
      idempotencyKeys: idempotencyKeys(parsed, mail),
      ...(options.pending ? { pendingReferences: options.pending } : {}),
    },
    now,
  );
  const ack = wantsAck && budget?.kind !== 'sender_capped' ? 'reply_received' : undefined;
  const delaySeconds = budget?.kind === 'delayed' ? budget.delaySeconds : undefined;
  await sendFollowUps(c, current.deadlines, ack, deps, now, mail.sesMessageId, delaySeconds);
  return { kind: 'threaded', tracking: c.tracking, ...(record.effect ? { ackBudget: record.effect } : {}) };
}
