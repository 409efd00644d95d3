/**
 * The block SES prepends to every message it stores (Return-Path, its own Received line, X-SES-* verdicts,
 * Received-SPF, Authentication-Results: amazonses.com), as raw header lines. Tests that put raw mail
 * straight into the bucket, as SES would, use it to give the mail the verdicts they need; the local SMTP
 * intake computes the same block for real against the local DNS zone.
 */
export interface SesVerdicts {
  readonly spf: string;
  readonly dkim: string;
  readonly dmarc: string;
  /** Envelope sender (smtp.mailfrom); the From address when not given. */
  readonly mailFrom?: string;
}

export const VERIFIED: Omit<SesVerdicts, 'mailFrom'> = { spf: 'pass', dkim: 'pass', dmarc: 'pass' };

/** The header lines (CRLF-joined, with a trailing CRLF) to put in front of a raw message from `from`. */
export function sesReceiptBlock(from: string, v: SesVerdicts = VERIFIED): string {
  const mailFrom = v.mailFrom ?? from;
  const domain = from.slice(from.lastIndexOf('@') + 1);
  return [
    `Return-Path: <${mailFrom}>`,
    `Received: from mx.sender.example (mx.sender.example [127.0.0.1]) by inbound-smtp.us-east-1.amazonaws.com with SMTP id test for support@exchange.example; ${new Date().toUTCString()}`,
    'X-SES-Spam-Verdict: PASS',
    'X-SES-Virus-Verdict: PASS',
    `Received-SPF: ${v.spf} (spf=${v.spf}) client-ip=127.0.0.1; envelope-from=${mailFrom};`,
    `Authentication-Results: amazonses.com; spf=${v.spf} smtp.mailfrom=${mailFrom}; dkim=${v.dkim} header.i=@${domain}; dmarc=${v.dmarc} header.from=${domain};`,
    '',
  ].join('\r\n');
}
