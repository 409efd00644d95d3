import type { Case } from '../../core/case';
import type { ParsedMail } from '../../core/intake/parsed-mail';
import { trackingFromReplyAddress } from '../../core/intake/threading';
import type { CaseRepository, Clock } from '../../core/ports';
import { findTrackingNumbers, type TrackingNumber } from '../../core/tracking-number';
import type { FirmProfile } from '../../core/firm-profile';

export interface ThreadDecision {
  /** The case this message joins, when the sender may write into it. */
  readonly join?: Case;
  /** A case the message refers to but cannot join (closed, or outside the reopen window). */
  readonly relatedTo?: TrackingNumber;
}

/**
 * DESIGN.md "Threading": our Message-IDs in In-Reply-To/References first, then a signed plus-address,
 * then a tracking number in the subject. A candidate is joined only when the sender is that case's
 * customer or a known participant: a stranger quoting someone's tracking number opens a new case and
 * never reads or writes into the other customer's case.
 */
export async function findThread(
  mail: ParsedMail,
  sender: string,
  deps: { repo: CaseRepository; clock: Clock; profile: FirmProfile; signingSecret: string },
): Promise<ThreadDecision> {
  const candidates: TrackingNumber[] = [];
  const ids = [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...[...mail.references].reverse()];
  for (const id of new Set(ids)) {
    const t = await deps.repo.findCaseByMessageId(id);
    if (t) candidates.push(t);
  }
  for (const rcpt of [...mail.to, ...mail.cc]) {
    const t = trackingFromReplyAddress(rcpt.address, deps.signingSecret, deps.profile.ownDomains);
    if (t) candidates.push(t);
  }
  candidates.push(...findTrackingNumbers(mail.subject));

  let relatedTo: TrackingNumber | undefined;
  for (const t of new Set(candidates)) {
    const c = await deps.repo.getCase(t);
    if (!c || (c.customer.address !== sender && !c.participants.includes(sender))) continue;
    if (canReopen(c, deps.clock.now(), deps.profile.reopenWindowDays)) return { join: c };
    relatedTo ??= t;
  }
  return relatedTo ? { relatedTo } : {};
}

function canReopen(c: Case, now: Date, windowDays: number): boolean {
  if (c.status === 'closed') return false;
  if (c.status !== 'resolved') return true;
  const resolvedAt = Date.parse(c.resolvedAt ?? c.updatedAt);
  return now.getTime() - resolvedAt <= windowDays * 86_400_000;
}
