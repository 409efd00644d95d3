import { chainEvents } from '../../core/audit-chain';
import type { Case, CaseStatus } from '../../core/case';
import { ConcurrencyError, DuplicateError } from '../../core/errors';
import { categorise } from '../../core/intake/topic';
import { classify } from '../../core/intake/classify';
import { detectLanguage } from '../../core/intake/language';
import { MailParseError, type MimeParser, type ParsedMail } from '../../core/intake/parsed-mail';
import { sanitiseHtml } from '../../core/html-sanitiser';
import { isSafeAddress } from '../../core/header-safety';
import { boundUtf8, type CaseMessage } from '../../core/message';
import { generateTrackingNumber, type TrackingNumber } from '../../core/tracking-number';
import { armDeadlines } from '../arm-deadlines';
import type { AppDeps, OutboundRequest } from '../deps';
import { findThread } from './find-thread';
import { newCase } from './open-case';
import { AWAITING_FIRST_RESPONSE } from '../stats';

/** A bounded References chain is enough to thread; RFC 5322 §3.6.4 lets it grow without limit. */
const MAX_THREAD_IDS = 20;
/** Tracking number collisions are ~1 in 10^16; a handful of retries is plenty. */
const MAX_ATTEMPTS = 5;

export type IntakeOutcome =
  | { readonly kind: 'case_opened'; readonly tracking: TrackingNumber; readonly acknowledged: boolean }
  | { readonly kind: 'threaded'; readonly tracking: TrackingNumber }
  | { readonly kind: 'quarantined'; readonly reason: string }
  | { readonly kind: 'duplicate'; readonly tracking?: TrackingNumber };

export interface InboundMail {
  readonly key: string;
  readonly sesMessageId: string;
}

type IntakeDeps = Pick<AppDeps, 'repo' | 'blobs' | 'queue' | 'clock' | 'profile' | 'planDeadlines' | 'signingSecret'> & {
  readonly parser: MimeParser;
  readonly random?: (max: number) => number;
};

/**
 * Turns one stored raw message into exactly one of: a new case (acknowledged unless it came from a
 * machine), a message threaded into its case, or a quarantined record with a reason. Idempotent: the
 * SES message id and the Message-ID are idempotency keys, and a redelivery re-sends only the follow-ups
 * (the mailer and the timers are idempotent themselves), so a crash between commit and enqueue loses nothing.
 */
export async function processInbound(mail: InboundMail, deps: IntakeDeps): Promise<IntakeOutcome> {
  const seen = await deps.repo.findIdempotencyKey(`SES#${mail.sesMessageId}`);
  if (seen) return resumeDuplicate(seen.tracking, mail, deps);

  let parsed: ParsedMail;
  try {
    parsed = await deps.parser.parse(await deps.blobs.get(mail.key), { sesMessageId: mail.sesMessageId });
  } catch (err) {
    if (!(err instanceof MailParseError)) throw err; // S3 or transient: retry
    return quarantine(deps, mail, `unparseable:${err.reason}`, err.message);
  }

  const verdict = classify(parsed, deps.profile);
  if (verdict.quarantine) return quarantine(deps, mail, verdict.quarantine, verdict.reasons.join('; '), parsed);
  const sender = parsed.from?.address;
  if (!sender) return quarantine(deps, mail, 'no_sender', 'the message has no usable From address', parsed);
  // An address we could not safely put in a To header (RFC 5321 §4.5.3.1.3: at most 254 octets).
  if (!isSafeAddress(sender)) return quarantine(deps, mail, 'invalid_sender', `the From address is not a usable mailbox: ${sender.slice(0, 200)}`, parsed);

  for (let attempt = 1; ; attempt++) {
    try {
      const sameMessage = parsed.messageId ? await deps.repo.findIdempotencyKey(`MSGID#${parsed.messageId}`) : undefined;
      if (sameMessage) {
        const recorded = await recordRedelivery(sameMessage.tracking, parsed, sender, mail, deps);
        if (recorded) return recorded;
      }
      const thread = await findThread(parsed, sender, deps);
      // A Message-ID another sender already used is not ours to claim (nor to link): keep only the SES key.
      const own = sameMessage ? withoutMessageId(parsed) : parsed;
      if (thread.join) return await threadReply(thread.join, own, mail, verdict, deps);
      return await openNewCase(own, sender, mail, verdict, thread.relatedTo, deps);
    } catch (err) {
      if (err instanceof DuplicateError) {
        // Same SES delivery raced us, or the same Message-ID came in through another recipient.
        const first = await deps.repo.findIdempotencyKey(`SES#${mail.sesMessageId}`);
        if (first) return resumeDuplicate(first.tracking, mail, deps);
        // Another delivery with this Message-ID won the race: go round again to record this one against it.
        if (attempt < MAX_ATTEMPTS) continue;
        throw err;
      }
      if (err instanceof ConcurrencyError && attempt < MAX_ATTEMPTS) continue;
      throw err;
    }
  }
}

type Verdict = ReturnType<typeof classify>;

/** Room for text and HTML in one DynamoDB item (400 KB) next to headers and attachment metadata. */
const MAX_TEXT_BYTES = 120_000;
const MAX_HTML_BYTES = 200_000;

function inboundMessage(parsed: ParsedMail, mail: InboundMail, at: string, verdict: Verdict): CaseMessage {
  const text = boundUtf8(parsed.text, MAX_TEXT_BYTES);
  const html = parsed.html ? boundUtf8(sanitiseHtml(parsed.html), MAX_HTML_BYTES) : undefined;
  return {
    id: mail.sesMessageId,
    at,
    direction: 'in',
    from: parsed.from?.address ?? '',
    to: parsed.to.map((a) => a.address),
    ...(parsed.cc.length ? { cc: parsed.cc.map((a) => a.address) } : {}),
    subject: parsed.subject,
    text: text.text,
    ...(html ? { html: html.text } : {}),
    ...(text.truncated || html?.truncated ? { truncated: true } : {}),
    ...(parsed.messageId ? { messageId: parsed.messageId } : {}),
    ...(parsed.inReplyTo ? { inReplyTo: parsed.inReplyTo } : {}),
    rawKey: mail.key,
    attachments: parsed.attachments.slice(0, 100).map((a) => ({
      ...(a.filename ? { filename: a.filename } : {}), contentType: a.contentType, size: a.size,
      ...(a.checksum ? { checksum: a.checksum } : {}),
    })),
    author: 'customer',
    classification: verdict.kind,
  };
}

function idempotencyKeys(parsed: ParsedMail, mail: InboundMail): string[] {
  return [`SES#${mail.sesMessageId}`, ...(parsed.messageId ? [`MSGID#${parsed.messageId}`] : [])];
}

function withoutMessageId(parsed: ParsedMail): ParsedMail {
  const { messageId: _dropped, ...rest } = parsed;
  return rest;
}

async function mayAcknowledge(deps: IntakeDeps, verdict: Verdict, sender: string, now: Date): Promise<{ ok: boolean; why?: string }> {
  if (!verdict.acknowledge) return { ok: false, why: verdict.kind };
  const hour = now.toISOString().slice(0, 13);
  const count = await deps.repo.incrementCounter(`ACK#${sender}#${hour}`, new Date(now.getTime() + 2 * 3600_000));
  // Zammad-style loop brake: a sender who somehow keeps mailing us still gets kept, just not answered.
  if (count > deps.profile.ackLimitPerSenderPerHour) return { ok: false, why: 'sender_rate_limit' };
  return { ok: true };
}

async function openNewCase(
  parsed: ParsedMail, sender: string, mail: InboundMail, verdict: Verdict, relatedTo: TrackingNumber | undefined, deps: IntakeDeps,
): Promise<IntakeOutcome> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const ack = await mayAcknowledge(deps, verdict, sender, now);
  const { type, topic } = categorise(parsed.text, parsed.subject);
  const opened = newCase({
    tracking: generateTrackingNumber(deps.random),
    mail: parsed,
    customerAddress: sender,
    language: detectLanguage(parsed.text, parsed.subject),
    type, topic,
    flags: [...verdict.flags, ...(ack.ok ? [] : [`ack_withheld:${ack.why}`])],
    now: at,
    classification: { kind: verdict.kind, reasons: verdict.reasons, acknowledge: ack.ok },
    ...(relatedTo ? { relatedTo } : {}),
  });
  const plan = await deps.planDeadlines(opened.case, 'case_opened', now);
  const c: Case = { ...opened.case, deadlines: plan.deadlines, ...pickPlan(plan) };
  await deps.repo.commit({
    case: c, expectedVersion: null,
    messages: [inboundMessage(parsed, mail, at, verdict)],
    events: [opened.event],
    messageIdLinks: parsed.messageId ? [parsed.messageId] : [],
    idempotencyKeys: idempotencyKeys(parsed, mail),
  });
  // Backlog gauge for the surge-aware response time the acknowledgement states (issue 4 item 6).
  await deps.repo.incrementCounter(AWAITING_FIRST_RESPONSE);
  await sendFollowUps(c, undefined, ack.ok ? 'acknowledgement' : undefined, deps, now);
  return { kind: 'case_opened', tracking: c.tracking, acknowledged: ack.ok };
}

const pickPlan = (p: { estimatedResolutionAt?: string; slaPolicyVersion?: string }) => ({
  ...(p.estimatedResolutionAt ? { estimatedResolutionAt: p.estimatedResolutionAt } : {}),
  ...(p.slaPolicyVersion ? { slaPolicyVersion: p.slaPolicyVersion } : {}),
});

async function threadReply(current: Case, parsed: ParsedMail, mail: InboundMail, verdict: Verdict, deps: IntakeDeps): Promise<IntakeOutcome> {
  const now = deps.clock.now();
  const at = now.toISOString();
  // A customer reply means the ball is in our court again (DESIGN.md lifecycle).
  const reopened: CaseStatus = current.status === 'new' ? 'new' : 'open';
  let c: Case = {
    ...current,
    status: reopened,
    updatedAt: at,
    lastCustomerMessageAt: at,
    threadMessageIds: parsed.messageId
      ? [...current.threadMessageIds, parsed.messageId].slice(-MAX_THREAD_IDS)
      : current.threadMessageIds,
    version: current.version + 1,
  };
  const specs = [
    ...(current.status === 'resolved' || current.status === 'pending'
      ? [{ at, actor: 'customer', type: 'status_changed', data: { from: current.status, to: 'open', why: 'customer_replied' } }]
      : []),
    { at, actor: 'customer', type: 'customer_replied', data: { messageId: mail.sesMessageId, classification: verdict.kind } },
  ];
  const { events, head } = chainEvents(current, specs);
  c = { ...c, ...head };
  if (current.status === 'resolved') {
    const { resolvedAt: _r, resolution: _res, ...rest } = c;
    c = rest;
  }
  const plan = await deps.planDeadlines(c, 'customer_replied', now);
  c = { ...c, deadlines: plan.deadlines, ...pickPlan(plan) };
  await deps.repo.commit({
    case: c, expectedVersion: current.version,
    messages: [inboundMessage(parsed, mail, at, verdict)],
    events,
    messageIdLinks: parsed.messageId ? [parsed.messageId] : [],
    idempotencyKeys: idempotencyKeys(parsed, mail),
  });
  const ack = deps.profile.acknowledgeReplies && verdict.acknowledge ? 'reply_received' : undefined;
  await sendFollowUps(c, current.deadlines, ack, deps, now, mail.sesMessageId);
  return { kind: 'threaded', tracking: c.tracking };
}

async function sendFollowUps(
  c: Case, before: Case['deadlines'] | undefined, purpose: 'acknowledgement' | 'reply_received' | undefined,
  deps: IntakeDeps, now: Date, replyId?: string,
): Promise<void> {
  if (purpose) {
    const req: OutboundRequest = { tracking: c.tracking, purpose, purposeKey: replyId ? `${purpose}:${replyId}` : purpose };
    await deps.queue.send('outbound', req);
  }
  await armDeadlines(deps.queue, c, before, now);
}

async function quarantine(deps: IntakeDeps, mail: InboundMail, reason: string, detail: string, parsed?: ParsedMail): Promise<IntakeOutcome> {
  await deps.repo.quarantine({
    id: mail.sesMessageId, at: deps.clock.now().toISOString(), rawKey: mail.key, reason, detail: detail.slice(0, 2000),
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
async function resumeDuplicate(tracking: TrackingNumber, mail: InboundMail, deps: IntakeDeps): Promise<IntakeOutcome> {
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
async function recordRedelivery(
  tracking: TrackingNumber, parsed: ParsedMail, sender: string, mail: InboundMail, deps: IntakeDeps,
): Promise<IntakeOutcome | undefined> {
  const current = await deps.repo.getCase(tracking);
  if (!current || !current.participants.includes(sender)) return undefined;
  const at = deps.clock.now().toISOString();
  const { events, head } = chainEvents(current, [{
    at, actor: 'customer', type: 'duplicate_delivery', data: { sesMessageId: mail.sesMessageId, messageId: parsed.messageId, rawKey: mail.key },
  }]);
  await deps.repo.commit({
    case: { ...current, ...head, updatedAt: at, version: current.version + 1 }, expectedVersion: current.version,
    events, idempotencyKeys: [`SES#${mail.sesMessageId}`],
  });
  return { kind: 'duplicate', tracking };
}
