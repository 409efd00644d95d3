import { sanitiseHtml } from '../../core/html-sanitiser';
import type { ParsedMail } from '../../core/intake/parsed-mail';
import { receiverVirusVerdict } from '../../core/intake/virus-verdict';
import { boundUtf8, type AttachmentMeta, type CaseMessage } from '../../core/message';
import type { InboundMail, Verdict } from './intake-types';

/** Room for text and HTML in one DynamoDB item (400 KB) next to headers and attachment metadata. */
const MAX_TEXT_BYTES = 120_000;
const MAX_HTML_BYTES = 200_000;

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
