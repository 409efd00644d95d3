import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';

export const SUPPORT_ADDRESS = 'support@exchange.example';

export interface PlainMail {
  /** The From header as written (may carry a display name). */
  readonly from: string;
  readonly to?: string;
  readonly subject: string;
  readonly body: string;
  /** Extra header lines, written after the standard ones. */
  readonly headers?: readonly string[];
  /** Left part of the Message-ID (random unless given). */
  readonly messageIdLocal?: string;
  /** Right part of the Message-ID. */
  readonly messageIdDomain?: string;
}

/** A plain-text RFC 5322 message with CRLF line ends, as a mail client writes one. */
export function plainMail(m: PlainMail): string {
  return [
    `From: ${m.from}`,
    `To: ${m.to ?? SUPPORT_ADDRESS}`,
    `Subject: ${m.subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${m.messageIdLocal ?? randomBytes(8).toString('hex')}@${m.messageIdDomain ?? 'customer.example'}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    ...(m.headers ?? []),
    '',
    m.body,
    '',
  ].join('\r\n');
}

/** The bare address inside a From header (`"Name" <a@b>` gives `a@b`). */
export const addressOf = (from: string): string => /<([^>]+)>/.exec(from)?.[1] ?? from;

/**
 * Hands `raw` to the SMTP intake on `port` over one plain connection, resolving once the server accepted it
 * (intake has stored it and queued its notification). The envelope sender defaults to the From address.
 */
export async function smtpSend(
  port: number,
  raw: string | Buffer,
  envelope: { readonly from?: string; readonly to?: readonly string[] } = {},
): Promise<void> {
  const from = envelope.from ?? addressOf(/^From: (.*)$/m.exec(raw.toString('utf8'))?.[1] ?? '');
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    await transport.sendMail({ envelope: { from, to: [...(envelope.to ?? [SUPPORT_ADDRESS])] }, raw });
  } finally {
    transport.close();
  }
}
