import type { Case } from '../../core/case';
import type { ParsedMail } from '../../core/intake/parsed-mail';
import type { TrackingNumber } from '../../core/tracking-number';
import { armDeadlines } from '../arm-deadlines';
import type { OutboundRequest } from '../deps';
import { commitCaseEdit } from '../mutate-case';
import type { InboundMail, IntakeDeps, IntakeOutcome } from './intake-types';

/** Queues the acknowledgement (if any) and arms the case's new deadlines: both idempotent downstream. */
export async function sendFollowUps(
  c: Case,
  before: Case['deadlines'] | undefined,
  purpose: 'acknowledgement' | 'reply_received' | undefined,
  deps: IntakeDeps,
  now: Date,
  replyId?: string,
  delaySeconds?: number,
): Promise<void> {
  const req: OutboundRequest | undefined = purpose && {
    tracking: c.tracking,
    purpose,
    purposeKey: replyId ? `${purpose}:${replyId}` : purpose,
  };
  // Independent messages to two queues: sent at once. Delayed by the acknowledgement budget, the
  // acknowledgement leaves in the minute it booked a place in.
  await Promise.all([
    req ? deps.queue.send('outbound', req, delaySeconds) : undefined,
    armDeadlines(deps.queue, c, before, now),
  ]);
}

export async function quarantine(
  deps: IntakeDeps,
  mail: InboundMail,
  reason: string,
  detail: string,
  parsed?: ParsedMail,
): Promise<IntakeOutcome> {
  await deps.repo.quarantine({
    id: mail.sesMessageId,
    at: deps.clock.now().toISOString(),
    rawKey: mail.key,
    reason,
    detail: detail.slice(0, 2000),
    ...(parsed?.from?.address ? { from: parsed.from.address.slice(0, 320) } : {}),
    ...(parsed?.subject ? { subject: parsed.subject.slice(0, 300) } : {}),
  });
  return { kind: 'quarantined', reason };
}

/**
 * A redelivered message whose case change is already committed: re-send the follow-ups, which are
 * idempotent downstream (mailer keys on case+purpose, timers on deadline ids). This closes the gap of a
 * crash between the commit and the enqueue.
 */
export async function resumeDuplicate(
  tracking: TrackingNumber,
  mail: InboundMail,
  deps: IntakeDeps,
): Promise<IntakeOutcome> {
  const c = await deps.repo.getCase(tracking);
  if (!c) return { kind: 'duplicate', tracking };
  const messages = await deps.repo.listMessages(tracking);
  const openedByThis = messages[0]?.id === mail.sesMessageId;
  const withheld = c.flags.some((f) => f.startsWith('ack_withheld'));
  await sendFollowUps(c, undefined, openedByThis && !withheld ? 'acknowledgement' : undefined, deps, deps.clock.now());
  return { kind: 'duplicate', tracking };
}

/**
 * The same Message-ID delivered again under another SES id (sent to two of our addresses, or resent by
 * the client). From the case's own customer it is recorded on that case as a redelivery (kept, linked,
 * not threaded twice, not acknowledged twice). From anyone else the Message-ID proves nothing, so the
 * caller treats the mail as new.
 */
export async function recordRedelivery(
  tracking: TrackingNumber,
  parsed: ParsedMail,
  sender: string,
  mail: InboundMail,
  deps: IntakeDeps,
): Promise<IntakeOutcome | undefined> {
  const current = await deps.repo.getCase(tracking);
  if (!current || !current.participants.includes(sender)) return undefined;
  const now = deps.clock.now();
  const at = now.toISOString();
  await commitCaseEdit(
    deps,
    current,
    {
      case: current,
      events: [
        {
          at,
          actor: 'customer',
          type: 'duplicate_delivery',
          data: { sesMessageId: mail.sesMessageId, messageId: parsed.messageId, rawKey: mail.key },
        },
      ],
      idempotencyKeys: [`SES#${mail.sesMessageId}`],
    },
    now,
  );
  return { kind: 'duplicate', tracking };
}
