import { BlobTooLargeError, ConcurrencyError, DuplicateError } from '../../core/errors';
import { isSafeAddress } from '../../core/header-safety';
import { classify } from '../../core/intake/classify';
import { isOwnMessageId } from '../../core/intake/threading';
import { MailParseError, type ParsedMail } from '../../core/intake/parsed-mail';
import type { TrackingNumber } from '../../core/tracking-number';
import { backoffMs } from '../backoff';
import { countingOncePerMail } from './counted-once';
import { findThread } from './find-thread';
import { quarantine, recordRedelivery, resumeDuplicate } from './follow-ups';
import { idempotencyKeys, withoutMessageId } from './inbound-message';
import type { InboundMail, IntakeDeps, IntakeOutcome, ReadMail, Verdict } from './intake-types';
import { openNewCase } from './open-new-case';
import { findPendingThread } from './pending-thread';
import { threadReply } from './thread-reply';

const claimedCase = (t: Awaited<ReturnType<typeof findThread>>) => t.join?.tracking ?? t.relatedTo;

export type { InboundMail, IntakeDeps, IntakeOutcome } from './intake-types';

/**
 * Tracking number collisions are ~1 in 10^16, but a thread's mails often arrive together: each follow-up,
 * and each acknowledgement the mailer records, is a write to the same case, and only one of a round of
 * writers wins. Eight attempts with the pauses below span about 1.3-1.9 s.
 */
const MAX_ATTEMPTS = 8;

/**
 * The pause before reading a case again after another write to it won: 10-20 ms, doubling to 640-1,280 ms,
 * so writers that collided do not collide again at once. Without it the attempts ran within a few
 * milliseconds, and a thread busy with follow-ups and the acknowledgements being recorded on it could use
 * them all up: the mail then waited for SQS's redelivery, minutes later.
 */
const CONTENTION_BASE_MS = 20;

/**
 * Turns one stored raw message into exactly one of: a new case (acknowledged unless it came from a
 * machine), a message threaded into its case, or a quarantined record with a reason. Idempotent: the
 * SES message id and the Message-ID are idempotency keys, and a redelivery re-sends only the follow-ups
 * (the mailer and the timers are idempotent themselves), so a crash between commit and enqueue loses nothing.
 */
export async function processInbound(mail: InboundMail, deps: IntakeDeps): Promise<IntakeOutcome> {
  // The raw message is the record: locked (compliance retention) before anything can acknowledge it.
  // SES cannot write into a bucket with default retention, so each object is retained here (docs/adr/0001-per-object-retention.md).
  // One read of the object gives its bytes and locks it, and nothing goes further (no case, no
  // acknowledgement) unless it succeeds. A redelivery reads (and parses) the raw mail for nothing.
  let read: ReadMail;
  try {
    read = await readMail(mail, deps);
  } catch (err) {
    if (!(err instanceof BlobTooLargeError)) throw err;
    // Retained all the same, and quarantined as the parser quarantines an oversized message.
    const detail = `the message has ${err.size} bytes, more than the ${err.limit} accepted`;
    return quarantineUnlessSeen(deps, mail, 'unparseable:too_large', detail);
  }

  let parsed: ParsedMail;
  try {
    parsed = await deps.parser.parse(read.raw, { sesMessageId: mail.sesMessageId });
  } catch (err) {
    if (!(err instanceof MailParseError)) throw err; // S3 or transient: retry
    return quarantineUnlessSeen(deps, mail, `unparseable:${err.reason}`, err.message);
  }

  const verdict = classify(parsed, deps.profile);
  if (verdict.quarantine)
    return quarantineUnlessSeen(deps, mail, verdict.quarantine, verdict.reasons.join('; '), parsed);
  const sender = parsed.from?.address;
  if (!sender) return quarantineUnlessSeen(deps, mail, 'no_sender', 'the message has no usable From address', parsed);
  // An address we could not safely put in a To header (RFC 5321 §4.5.3.1.3: at most 254 octets).
  if (!isSafeAddress(sender))
    return quarantineUnlessSeen(
      deps,
      mail,
      'invalid_sender',
      `the From address is not a usable mailbox: ${sender.slice(0, 200)}`,
      parsed,
    );

  // Our own Message-IDs are minted by the mailer alone: inbound mail never links or claims one.
  if (parsed.messageId && isOwnMessageId(parsed.messageId, deps.profile.ownDomains)) parsed = withoutMessageId(parsed);

  // The redelivery check and the first look for the same Message-ID under another SES id, in one read.
  const recorded = await deps.repo.findIdempotencyKeys(idempotencyKeys(parsed, mail));
  const seen = recorded.get(`SES#${mail.sesMessageId}`);
  if (seen) return resumeDuplicate(seen.tracking, mail, deps);
  const sameMessage = parsed.messageId ? recorded.get(`MSGID#${parsed.messageId}`) : undefined;
  return joinOrOpen(read, parsed, sender, verdict, countingOncePerMail(deps), sameMessage);
}

/**
 * A delivery already recorded is a duplicate, whatever the mail would be now (a redelivery is classified
 * again, and the rules may have changed since): checked before a quarantine as before any other outcome.
 */
async function quarantineUnlessSeen(
  deps: IntakeDeps,
  mail: InboundMail,
  reason: string,
  detail: string,
  parsed?: ParsedMail,
): Promise<IntakeOutcome> {
  const seen = await deps.repo.findIdempotencyKey(`SES#${mail.sesMessageId}`);
  return seen ? resumeDuplicate(seen.tracking, mail, deps) : quarantine(deps, mail, reason, detail, parsed);
}

/**
 * Threads a mail worth a case into one, or opens one. `firstRead`: the case recorded for its Message-ID
 * under another SES id, as read with the redelivery check; after a lost race it is read again.
 */
async function joinOrOpen(
  read: ReadMail,
  parsed: ParsedMail,
  sender: string,
  verdict: Verdict,
  deps: IntakeDeps,
  firstRead: { readonly tracking: TrackingNumber } | undefined,
): Promise<IntakeOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      const sameMessage =
        attempt === 1
          ? firstRead
          : parsed.messageId
            ? await deps.repo.findIdempotencyKey(`MSGID#${parsed.messageId}`)
            : undefined;
      // A sender we could not verify (or that failed authentication) may be anyone: its mail never touches an
      // existing case (not as a redelivery, not as a reply); it opens its own flagged case, which records only
      // the tracking number it claimed, so a forged reply quoting a victim's case leaves that case untouched.
      if (verdict.sender.trust !== 'verified') {
        const claimed = sameMessage?.tracking ?? claimedCase(await findThread(parsed, sender, deps));
        return await openNewCase(withoutMessageId(parsed), sender, read, verdict, claimed, deps);
      }
      if (sameMessage) {
        const recorded = await recordRedelivery(sameMessage.tracking, parsed, sender, read, deps);
        if (recorded) return recorded;
      }
      const thread = await findThread(parsed, sender, deps);
      // A Message-ID another sender already used is not ours to claim (nor to link): keep only the SES key.
      const own = sameMessage ? withoutMessageId(parsed) : parsed;
      if (thread.join) return await threadReply(thread.join, own, read, verdict, deps);
      // A verified sender's follow-up may have been processed before the mail it answers (docs/adr/0007-pending-references.md).
      const pending = verdict.sender.trust === 'verified' ? await findPendingThread(own, sender, deps) : undefined;
      if (pending?.join)
        return await threadReply(pending.join, own, read, verdict, deps, { silent: true, pending: pending.references });
      return await openNewCase(own, sender, read, verdict, thread.relatedTo, deps, pending?.references);
    } catch (err) {
      if (err instanceof DuplicateError) {
        // Same SES delivery raced us, or the same Message-ID came in through another recipient.
        const first = await deps.repo.findIdempotencyKey(`SES#${read.sesMessageId}`);
        if (first) return resumeDuplicate(first.tracking, read, deps);
        // Another delivery with this Message-ID won the race: go round again to record this one against it.
        if (attempt < MAX_ATTEMPTS) continue;
        throw err;
      }
      if (err instanceof ConcurrencyError && attempt < MAX_ATTEMPTS) {
        const pause = backoffMs(attempt, deps.ids.fraction(), CONTENTION_BASE_MS);
        await new Promise((resolve) => setTimeout(resolve, pause));
        continue;
      }
      throw err;
    }
  }
}

/** The raw mail, locked, read once; over the parser's size limit it is refused before its body is read (memory). */
async function readMail(mail: InboundMail, deps: IntakeDeps): Promise<ReadMail> {
  const maxBytes = deps.parser.maxRawBytes;
  const blob = await deps.blobs.getRetained(mail.key, maxBytes === undefined ? {} : { maxBytes });
  return { ...mail, raw: blob.body, retainUntil: blob.retainUntil };
}
