import type { Case } from '../../core/case';
import type { ParsedMail } from '../../core/intake/parsed-mail';
import { threadLookups } from '../../core/intake/threading';
import type { CaseRepository, Clock } from '../../core/ports';
import type { TrackingNumber } from '../../core/tracking-number';
import type { FirmProfile } from '../../core/firm-profile';

export interface ThreadDecision {
  /** The case this message joins, when the sender may write into it. */
  readonly join?: Case;
  /** A case the message refers to but cannot join (closed, or outside the reopen window). */
  readonly relatedTo?: TrackingNumber;
}

/**
 * docs/architecture.md, "Threading": our Message-IDs in In-Reply-To/References first, then a signed plus-address,
 * then a tracking number in the subject. A candidate is joined only when the sender is that case's
 * customer or a known participant: a stranger quoting someone's tracking number opens a new case and
 * never reads or writes into the other customer's case.
 */
export async function findThread(
  mail: ParsedMail,
  sender: string,
  deps: { repo: CaseRepository; clock: Clock; profile: FirmProfile; signingSecret: string },
): Promise<ThreadDecision> {
  // At most MAX_THREAD_LOOKUPS candidates, each read once: a 10,000-id References header or a subject
  // full of tracking-number-shaped tokens costs the same few reads as an ordinary reply.
  const lookups = threadLookups(mail, deps.signingSecret, deps.profile.ownDomains);
  let relatedTo: TrackingNumber | undefined;
  const tried = new Set<TrackingNumber>();
  for (const lookup of lookups) {
    const t = lookup.via === 'message_id' ? await deps.repo.findCaseByMessageId(lookup.messageId) : lookup.tracking;
    if (!t || tried.has(t)) continue;
    tried.add(t);
    const c = await deps.repo.getCase(t);
    if (!c || (c.customer.address !== sender && !c.participants.includes(sender))) continue;
    if (canReopen(c, deps.clock.now(), deps.profile.reopenWindowDays)) return { join: c };
    relatedTo ??= t;
  }
  return relatedTo ? { relatedTo } : {};
}

/** Whether a customer's mail may still join `c` (not closed, or resolved within the reopen window). */
export function canReopen(c: Case, now: Date, windowDays: number): boolean {
  if (c.status === 'closed') return false;
  if (c.status !== 'resolved') return true;
  const resolvedAt = Date.parse(c.resolvedAt ?? c.updatedAt);
  return now.getTime() - resolvedAt <= windowDays * 86_400_000;
}
