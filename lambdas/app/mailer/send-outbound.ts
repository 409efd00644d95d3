import { createHash, randomUUID } from 'node:crypto';
import type { Case } from '../../core/case';
import { DocketError } from '../../core/errors';
import type { CaseMessage } from '../../core/message';
import type { NoticeStore } from '../../core/ports';
import { compactTrackingNumber, type TrackingNumber } from '../../core/tracking-number';
import { replyAddressFor } from '../../core/intake/threading';
import { composeMime } from '../../adapters/mime/compose';
import { sesMessageIdHeader } from '../../adapters/ses-raw-sender';
import type { AppDeps, OutboundRequest } from '../deps';
import { renderOutbound, type RenderContext } from './render-outbound';
import { retryAfterSend } from '../retry-after-send';
import { commitCaseEdit, mutateCase } from '../mutate-case';

export type MailerDeps = Pick<AppDeps, 'repo' | 'blobs' | 'sender' | 'clock' | 'profile' | 'signingSecret'> & {
  readonly notices: NoticeStore;
  readonly region: string;
  readonly renderContext: () => Promise<Omit<RenderContext, 'notices'>>;
};

export type SendOutcome = 'sent' | 'duplicate' | 'case_missing' | 'suppressed' | 'notice_withdrawn';

const MAX_ATTEMPTS = 5;
const MAX_THREAD_IDS = 20;

/**
 * Renders and sends one outbound mail, then records it on the case. Idempotent per (case, purposeKey):
 * a redelivered request whose send was recorded does nothing. The exact MIME is stored in S3 before it
 * is sent (`sent/<tracking>/<purpose hash>.eml`), so the record exists even if the later commit fails.
 */
export async function sendOutbound(req: OutboundRequest, deps: MailerDeps): Promise<SendOutcome> {
  const tracking = req.tracking as TrackingNumber;
  const idemKey = `OUT#${tracking}#${req.purposeKey}`;
  if (await deps.repo.findIdempotencyKey(idemKey)) return 'duplicate';
  const c = await deps.repo.getCase(tracking);
  if (!c) return 'case_missing';
  if (c.flags.includes('suppressed')) return 'suppressed';
  // Two deliveries of one request may run at once (SQS is at-least-once): only the lease holder sends.
  const holder = randomUUID();
  if (!(await deps.repo.acquireLease(idemKey, holder, new Date(deps.clock.now().getTime() + SEND_LEASE_MS)))) {
    throw new SendInProgressError(`${idemKey} is being sent by another delivery; retry later`);
  }
  if (await deps.repo.findIdempotencyKey(idemKey)) return 'duplicate';
  const progress = { sent: false };
  try {
    if (!(await renderAndSend(req, c, deps, idemKey, progress))) {
      await deps.repo.releaseLease(idemKey, holder);
      return 'notice_withdrawn';
    }
  } catch (err) {
    // Before SES accepted it, a retry may send at once; after, the lease stays so no redelivery re-sends.
    if (!progress.sent) await deps.repo.releaseLease(idemKey, holder).catch(() => undefined);
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
): Promise<boolean> {
  const tracking = c.tracking;
  const now = deps.clock.now();
  const [context, notices] = await Promise.all([deps.renderContext(), deps.notices.list()]);
  if (req.purpose === 'notice' && !notices.some((n) => n.id === req.data?.noticeId)) return false;
  const { mail: rendered, stated } = renderOutbound(req, c, { ...context, notices }, now);
  const domain = deps.profile.supportAddress.split('@')[1]!;
  const purposeHash = createHash('sha256').update(req.purposeKey).digest('hex').slice(0, 16);
  const ourMessageId = `docket.${compactTrackingNumber(tracking).toLowerCase()}.${purposeHash}@${domain}`;
  const raw = await composeMime({
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
  const rawKey = `sent/${tracking}/${purposeHash}.eml`;
  await deps.blobs.put(rawKey, raw, 'message/rfc822');
  const { providerMessageId } = await deps.sender.sendRaw(raw, {
    from: deps.profile.supportAddress,
    to: [c.customer.address],
  });
  progress.sent = true;
  const sesId = sesMessageIdHeader(providerMessageId, deps.region);
  await retryAfterSend(() =>
    record(req, deps, { rawKey, sesId, ourMessageId, providerMessageId, rendered, idemKey, stated }),
  );
  return true;
}

/**
 * Longer than any send takes; after it a crashed holder's lease lapses and a redelivery may send (the
 * one case that can still duplicate: a crash after SES accepted the mail and before it was recorded).
 */
const SEND_LEASE_MS = 120_000;

/** Another delivery of the same request holds the send lease; SQS retries this one later. */
export class SendInProgressError extends DocketError {}

interface Sent {
  readonly rawKey: string;
  readonly sesId: string;
  readonly ourMessageId: string;
  readonly providerMessageId: string;
  readonly rendered: { subject: string; text: string };
  readonly idemKey: string;
  readonly stated: Readonly<Record<string, unknown>>;
}

async function record(req: OutboundRequest, deps: MailerDeps, sent: Sent): Promise<void> {
  await mutateCase(
    deps.repo,
    req.tracking as TrackingNumber,
    async (current) => {
      const now = deps.clock.now();
      const at = now.toISOString();
      const author = req.purpose === 'agent_reply' ? String(req.data?.author ?? 'agent') : 'system';
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
              },
            },
          ],
          messages: [message],
          // Both forms are linked: SES rewrites Message-ID to its own, some relays keep ours.
          messageIdLinks: [sent.sesId, sent.ourMessageId],
          idempotencyKeys: [sent.idemKey],
        },
        now,
      );
    },
    { attempts: MAX_ATTEMPTS, onMissing: () => undefined, onDuplicate: () => undefined },
  );
}
