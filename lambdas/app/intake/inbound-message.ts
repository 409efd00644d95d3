import { sanitiseHtml } from '../../core/html-sanitiser';
import type { ParsedMail } from '../../core/intake/parsed-mail';
import { boundUtf8, type CaseMessage } from '../../core/message';
import type { InboundMail, Verdict } from './intake-types';

/** Room for text and HTML in one DynamoDB item (400 KB) next to headers and attachment metadata. */
const MAX_TEXT_BYTES = 120_000;
const MAX_HTML_BYTES = 200_000;

export function inboundMessage(parsed: ParsedMail, mail: InboundMail, at: string, verdict: Verdict): CaseMessage {
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
      ...(a.filename ? { filename: a.filename } : {}),
      contentType: a.contentType,
      size: a.size,
      ...(a.checksum ? { checksum: a.checksum } : {}),
    })),
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
