import { createHash } from 'node:crypto';
import type { Case } from '../../core/case';
import { DocketError } from '../../core/errors';
import type { FirmProfile } from '../../core/firm-profile';
import type { CaseMessage } from '../../core/message';
import { outboundMessageId } from '../../core/outbound-message-id';
import type { MimeComposer } from '../../core/outbound-mime';
import type { OutboundRequest } from '../../core/outbound-request';
import type { BlobStore, CaseRepository, Clock, Ids, NoticeStore, RawMailSender } from '../../core/ports';
import type { TrackingNumber } from '../../core/tracking-number';
import { replyAddressFor } from '../../core/intake/threading';
import { renderOutbound, type RenderContext } from './render-outbound';
import { retryAfterSend } from '../retry-after-send';
import { commitCaseEdit, mutateCase } from '../mutate-case';

export interface MailerDeps {
  readonly repo: CaseRepository;
  readonly blobs: BlobStore;
  readonly sender: RawMailSender;
  readonly composer: MimeComposer;
  readonly clock: Clock;
  /** Lease holder ids and the jitter of the record step's retries. */
  readonly ids: Ids;
  readonly profile: FirmProfile;
  readonly signingSecret: string;
  readonly notices: Pick<NoticeStore, 'list'>;
  readonly renderContext: () => Promise<Omit<RenderContext, 'notices'>>;
  /** Days the exact sent MIME under `sent/` is kept unchangeable (Object Lock, compliance mode). */
  readonly sentRetentionDays: number;
}

export type SendOutcome = 'sent' | 'duplicate' | 'case_missing' | 'suppressed' | 'notice_withdrawn';

const MAX_ATTEMPTS = 5;
/** Attempts to give a lease back (with the record step's backoff: about 1.5 s in all). */
const RELEASE_ATTEMPTS = 5;
const MAX_THREAD_IDS = 20;
const DAY_MS = 86_400_000;

/**
 * Longer than the outbound queue's visibility timeout (6x the mailer's 60 s timeout), so a redelivery
 * that arrives while a send is still being recorded finds the lease held and waits instead of sending
 * again. After it a crashed holder's lease lapses and a redelivery may send: the one case that can still
 * duplicate is SES accepting the mail and every recording attempt failing for longer than this.
 */
export const SEND_LEASE_MS = 15 * 60_000;

/** Another delivery of the same request holds the send lease; it is deferred, not failed. */
export class SendInProgressError extends DocketError {}

/**
 * Renders and sends one outbound mail, then records it on the case. Idempotent per (case, purposeKey):
 * a redelivered request whose send was recorded does nothing. The exact MIME is stored in S3 before it
 * is sent (`sent/<tracking>/<purpose hash>.eml`, under compliance retention), so the record exists even
 * if the later commit fails. `beforeSend` runs once the lease is held and just before the provider is
 * called (the shared send budget); whatever it throws releases the lease and reaches the caller. It
 * comes after the mail is stored, not while: a send that waits for a slow store goes out after its
 * place's instant and bunches with the next ones past SES's rate (measured: taking the place first and
 * storing while waiting sent acknowledgements up to 70 places out of arrival order). A mail the budget
 * defers so leaves a stored version it did not send; the version sent is always the key's latest.
 */
export async function sendOutbound(
  req: OutboundRequest,
  deps: MailerDeps,
  beforeSend: () => Promise<void> = async () => undefined,
): Promise<SendOutcome> {
  const tracking = req.tracking as TrackingNumber;
  const idemKey = `OUT#${tracking}#${req.purposeKey}`;
  // Two independent reads, done at once: a recorded send wins over whatever the case says.
  const [done, c] = await Promise.all([deps.repo.findIdempotencyKey(idemKey), deps.repo.getCase(tracking)]);
  if (done) return 'duplicate';
  if (!c) return 'case_missing';
  if (c.flags.includes('suppressed')) return 'suppressed';
  // Two deliveries of one request may run at once (SQS is at-least-once): only the lease holder sends.
  const holder = deps.ids.id();
  if (!(await deps.repo.acquireLease(idemKey, holder, new Date(deps.clock.now().getTime() + SEND_LEASE_MS)))) {
    throw new SendInProgressError(`${idemKey} is being sent by another delivery`);
  }
  const progress = { sent: false };
  // A lease left behind blocks every redelivery for SEND_LEASE_MS, so giving it back is retried like the
  // record step: one throttled call must not hold a customer's mail for a quarter of an hour. Everything
  // after the lease is taken runs under this `try` for the same reason.
  const release = () =>
    retryAfterSend(
      () => deps.repo.releaseLease(idemKey, holder),
      () => deps.ids.fraction(),
      RELEASE_ATTEMPTS,
    );
  try {
    // What the render needs is read while the record is checked once more (under the lease): a duplicate
    // found then only wasted the reads.
    const context = Promise.all([deps.renderContext(), deps.notices.list()]);
    context.catch(() => undefined); // awaited (and its error thrown) in renderAndSend; not an unhandled rejection meanwhile
    if (await deps.repo.findIdempotencyKey(idemKey)) return 'duplicate';
    if (!(await renderAndSend(req, c, deps, idemKey, progress, beforeSend, context))) {
      await release();
      return 'notice_withdrawn';
    }
  } catch (err) {
    // Before SES accepted it, a retry may send at once; after, the lease stays so no redelivery re-sends.
    if (!progress.sent) await release().catch(() => undefined);
    throw err;
  }
  return 'sent';
}

/** Returns false when there is nothing to send any more (a broadcast notice deleted before its turn). */
async function renderAndSend(
  req: OutboundRequest,
  c: Case,
  deps: MailerDeps,
  idemKey: string,
  progress: { sent: boolean },
  beforeSend: () => Promise<void>,
  reads: Promise<[Omit<RenderContext, 'notices'>, RenderContext['notices']]>,
): Promise<boolean> {
  const tracking = c.tracking;
  const now = deps.clock.now();
  const [context, notices] = await reads;
  if (req.purpose === 'notice' && !notices.some((n) => n.id === req.data.noticeId)) return false;
  const { mail: rendered, stated } = renderOutbound(req, c, { ...context, notices }, now);
  const domain = deps.profile.supportAddress.split('@')[1]!;
  const ourMessageId = outboundMessageId(tracking, req.purposeKey, deps.signingSecret, domain);
  const raw = await deps.composer.compose({
    from: { name: `${deps.profile.firmName} Support`, address: deps.profile.supportAddress },
    to: [{ address: c.customer.address, ...(c.customer.name ? { name: c.customer.name } : {}) }],
    replyTo: replyAddressFor(tracking, deps.profile.supportAddress, deps.signingSecret),
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    ...(c.threadMessageIds.length
      ? { inReplyTo: c.threadMessageIds.at(-1)!, references: [...c.threadMessageIds] }
      : {}),
    autoSubmitted:
      req.purpose === 'agent_reply'
        ? 'no'
        : req.purpose === 'acknowledgement' || req.purpose === 'reply_received'
          ? 'auto-replied'
          : 'auto-generated',
    messageId: ourMessageId,
    language: rendered.language,
  });
  const purposeHash = createHash('sha256').update(req.purposeKey).digest('hex').slice(0, 16);
  const rawKey = `sent/${tracking}/${purposeHash}.eml`;
  await deps.blobs.put(rawKey, raw, 'message/rfc822', {
    retainUntil: new Date(now.getTime() + deps.sentRetentionDays * DAY_MS),
  });
  await beforeSend();
  const sent = await deps.sender.sendRaw(raw, { from: deps.profile.supportAddress, to: [c.customer.address] });
  progress.sent = true;
  // The case as read before the send is the first attempt's (the commit checks its version): a read saved.
  let first: Case | undefined = c;
  await retryAfterSend(
    () => {
      const read = first;
      first = undefined;
      return record(
        req,
        deps,
        {
          rawKey,
          sesId: sent.messageId,
          ourMessageId,
          providerMessageId: sent.providerMessageId,
          rendered,
          idemKey,
          stated,
        },
        read,
      );
    },
    () => deps.ids.fraction(),
  );
  return true;
}

interface Sent {
  readonly rawKey: string;
  readonly sesId: string;
  readonly ourMessageId: string;
  readonly providerMessageId: string;
  readonly rendered: { subject: string; text: string };
  readonly idemKey: string;
  readonly stated: Readonly<Record<string, unknown>>;
}

/**
 * Message-IDs that may still be linked to this case: one already linked to another case (claimed by
 * someone who guessed or saw it) is left where it is, so the send is still recorded exactly once.
 */
async function linkable(repo: CaseRepository, tracking: TrackingNumber, ids: readonly string[]): Promise<string[]> {
  const owners = await Promise.all(ids.map((id) => repo.findCaseByMessageId(id)));
  return ids.filter((_, i) => owners[i] === undefined || owners[i] === tracking);
}

async function record(req: OutboundRequest, deps: MailerDeps, sent: Sent, first?: Case): Promise<void> {
  const author = req.purpose === 'agent_reply' ? req.data.author : 'system';
  // Both Message-IDs are new, so an owner is looked up only when a commit failed: a link taken by another
  // case fails the commit as a concurrent write, and the next attempt leaves that link out.
  let lookUp = first === undefined;
  await mutateCase(
    deps.repo,
    req.tracking as TrackingNumber,
    async (current) => {
      // Both forms are linked: SES rewrites Message-ID to its own, some relays keep ours.
      const ids = [sent.sesId, sent.ourMessageId];
      const links = lookUp ? await linkable(deps.repo, current.tracking, ids) : ids;
      lookUp = true;
      const now = deps.clock.now();
      const at = now.toISOString();
      const message: CaseMessage = {
        id: `out-${sent.providerMessageId}`,
        at,
        direction: 'out',
        from: deps.profile.supportAddress,
        to: [current.customer.address],
        subject: sent.rendered.subject,
        text: sent.rendered.text,
        messageId: sent.sesId,
        rawKey: sent.rawKey,
        author,
        purpose: req.purpose,
      };
      await commitCaseEdit(
        deps,
        current,
        {
          case: {
            ...current,
            threadMessageIds: [...current.threadMessageIds, sent.sesId].slice(-MAX_THREAD_IDS),
          },
          events: [
            {
              at,
              actor: author,
              type: 'mail_sent',
              data: {
                purpose: req.purpose,
                purposeKey: req.purposeKey,
                to: current.customer.address,
                providerMessageId: sent.providerMessageId,
                rawKey: sent.rawKey,
                stated: { ...sent.stated },
                ...(req.delivery
                  ? { deferrals: req.delivery.deferrals, failedAttempts: req.delivery.failedAttempts }
                  : {}),
              },
            },
          ],
          messages: [message],
          messageIdLinks: links,
          idempotencyKeys: [sent.idemKey],
        },
        now,
      );
    },
    // A version race, or an id claimed between the check and the commit: read again and retry.
    { attempts: MAX_ATTEMPTS, ...(first ? { first } : {}), onMissing: () => undefined, onDuplicate: () => undefined },
  );
}
