import { MAX_SANITISE_INPUT_CHARS, sanitiseHtml } from '../../core/html-sanitiser';
import type { ParsedMail } from '../../core/intake/parsed-mail';
import { receiverVirusVerdict } from '../../core/intake/virus-verdict';
import type { AttachmentMeta, CaseMessage } from '../../core/message';
import { capRecipients } from '../../core/message-body';
import type { InboundMail, Verdict } from './intake-types';

/** Attachment metadata as recorded on the message (the first 100; the raw message holds them all). */
export function attachmentMetas(parsed: ParsedMail): AttachmentMeta[] {
  return parsed.attachments.slice(0, MAX_RECORDED_ATTACHMENTS).map((a) => ({
    ...(a.filename ? { filename: a.filename } : {}),
    contentType: a.contentType,
    size: a.size,
    ...(a.checksum ? { checksum: a.checksum } : {}),
  }));
}

const MAX_RECORDED_ATTACHMENTS = 100;

export function inboundMessage(
  parsed: ParsedMail,
  mail: InboundMail,
  at: string,
  verdict: Verdict,
  attachments: readonly AttachmentMeta[] = attachmentMetas(parsed),
): CaseMessage {
  const virusVerdict = receiverVirusVerdict(parsed);
  // Whole text and HTML (within the parser's limits): storeBody moves a large body to S3 before the commit.
  const html = parsed.html ? sanitiseHtml(parsed.html) : undefined;
  const truncated =
    parsed.problems.includes('text_truncated') ||
    parsed.problems.includes('html_truncated') ||
    (parsed.html?.length ?? 0) > MAX_SANITISE_INPUT_CHARS;
  const recipients = capRecipients(
    parsed.to.map((a) => a.address),
    parsed.cc.map((a) => a.address),
    parsed.recipientCount,
  );
  return {
    id: mail.sesMessageId,
    at,
    direction: 'in',
    from: parsed.from?.address ?? '',
    to: recipients.to,
    ...(recipients.cc.length ? { cc: recipients.cc } : {}),
    ...(recipients.recipientCount !== undefined ? { recipientCount: recipients.recipientCount } : {}),
    subject: parsed.subject,
    text: parsed.text,
    ...(html !== undefined ? { html } : {}),
    ...(truncated ? { truncated: true } : {}),
    ...(parsed.messageId ? { messageId: parsed.messageId } : {}),
    ...(parsed.inReplyTo ? { inReplyTo: parsed.inReplyTo } : {}),
    rawKey: mail.key,
    attachments,
    ...(virusVerdict ? { virusVerdict } : {}),
    author: 'customer',
    classification: verdict.kind,
    authentication: verdict.sender,
  };
}

export function idempotencyKeys(parsed: ParsedMail, mail: InboundMail): string[] {
  return [`SES#${mail.sesMessageId}`, ...(parsed.messageId ? [`MSGID#${parsed.messageId}`] : [])];
}

export function withoutMessageId(parsed: ParsedMail): ParsedMail {
  const { messageId: _dropped, ...rest } = parsed;
  return rest;
}
