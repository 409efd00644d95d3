import type { ParsedMail } from './parsed-mail';
import { receiptBlock } from './sender-authentication';

/**
 * SES's virus verdict on a message (`PASS`, `FAIL`, `GRAY`, `PROCESSING_FAILED`, ...), read only from the
 * block SES prepends: a sender can write its own `X-SES-Virus-Verdict: PASS` further down, and that one
 * must never make an attachment downloadable. Undefined when the receiver wrote none.
 */
export function receiverVirusVerdict(mail: Pick<ParsedMail, 'headers' | 'headerOrder'>): string | undefined {
  // Without a recorded header order the block cannot be told apart from the sender's headers: no verdict.
  if (!mail.headerOrder) return undefined;
  const found = receiptBlock(mail).find((h) => h.name === 'x-ses-virus-verdict');
  return found?.value.trim().toUpperCase();
}
