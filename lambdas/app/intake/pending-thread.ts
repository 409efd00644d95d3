import type { Case } from '../../core/case';
import type { ParsedMail } from '../../core/intake/parsed-mail';
import { isOwnMessageId, MAX_THREAD_LOOKUPS } from '../../core/intake/threading';
import type { PendingReferences } from '../../core/ports';
import { ConcurrencyError } from '../../core/errors';
import { canReopen } from './find-thread';
import type { IntakeDeps } from './intake-types';

/**
 * How long a reference to a not-yet-seen Message-ID waits for its mail: SQS keeps a message at most 14 days,
 * so a mail still inside our pipeline arrives within it; past that the sender's own client delivered it long ago.
 */
export const PENDING_REFERENCE_TTL_DAYS = 14;

export interface PendingThread {
  /** The case an earlier mail from this sender opened while referring to this one (or to what this one refers to). */
  readonly join?: Case;
  /** What to record with the change, whichever case the mail lands in. */
  readonly references: PendingReferences;
}

/**
 * docs/adr/0007-pending-references.md. Called for a verified sender's mail that found no case through its
 * links: a follow-up processed before the mail it answers must not split the thread. The mail joins the
 * case a pending reference from the same sender names, to its own Message-ID first, then to a Message-ID it
 * refers to that no case links yet; otherwise it records its own unseen references for the mail that may
 * still come. Bounded like the thread lookups: at most `MAX_THREAD_LOOKUPS` ids, read in parallel.
 */
export async function findPendingThread(
  mail: Pick<ParsedMail, 'messageId' | 'inReplyTo' | 'references'>,
  sender: string,
  deps: Pick<IntakeDeps, 'repo' | 'clock' | 'profile'>,
): Promise<PendingThread> {
  const own = mail.messageId;
  const referred = [...new Set([mail.inReplyTo, ...[...mail.references].reverse()])]
    .filter((id): id is string => !!id && id !== own && !isOwnMessageId(id, deps.profile.ownDomains))
    .slice(0, MAX_THREAD_LOOKUPS);
  const links = await Promise.all(referred.map((id) => deps.repo.findCaseByMessageId(id)));
  const now = deps.clock.now();
  // The thread lookups read these links a moment ago and found no case to join. A link that appeared since
  // (the mail it names was just committed) and that this sender may join means that read is stale: go round
  // again, and the lookups join it. The commit's conditions cover the links that appear after this read.
  for (const t of new Set(links.filter((l) => l !== undefined))) {
    const c = await deps.repo.getCase(t);
    if (c && joinable(c, sender, now, deps.profile.reopenWindowDays))
      throw new ConcurrencyError(`case ${t}: a mail this one refers to was linked meanwhile`);
  }
  const unseen = referred.filter((_, i) => links[i] === undefined);
  const asked = own ? [own, ...unseen] : unseen;
  const expiresAt = new Date(now.getTime() + PENDING_REFERENCE_TTL_DAYS * 86_400_000).toISOString();
  if (asked.length === 0) return { references: { sender, messageIds: [], expiresAt } };

  const pending = await deps.repo.findPendingReferences(sender, asked);
  let join: Case | undefined;
  for (const id of asked) {
    const t = pending.get(id);
    const c = t ? await deps.repo.getCase(t) : undefined;
    if (c && joinable(c, sender, now, deps.profile.reopenWindowDays)) {
      join = c;
      break;
    }
  }
  return {
    ...(join ? { join } : {}),
    references: {
      sender,
      // Ids already pending (for this case or one that may not be joined) are left as they are.
      messageIds: unseen.filter((id) => !pending.has(id)),
      expiresAt,
      // Only a new case must prove that no reference to its mail appeared meanwhile: that is the race.
      ...(own && !join && !pending.has(own) ? { ownMessageId: own } : {}),
    },
  };
}

/** The rule of the thread lookups: the sender is the case's customer or a participant, and it may reopen. */
function joinable(c: Case, sender: string, now: Date, reopenWindowDays: number): boolean {
  return (c.customer.address === sender || c.participants.includes(sender)) && canReopen(c, now, reopenWindowDays);
}
