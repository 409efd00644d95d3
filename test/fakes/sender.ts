import { SendThrottledError } from '../../lambdas/core/errors';
import type { RawMailSender, SentMail } from '../../lambdas/core/ports';

export interface RecordedMail extends SentMail {
  readonly raw: Buffer;
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
}

/**
 * Keeps every mail "sent" and, like SES, gives each a provider id and a Message-ID of its own making; can be
 * told to refuse the next sends as SES does under its rate limit.
 */
export class RecordingMailSender implements RawMailSender {
  readonly sent: RecordedMail[] = [];
  /** Refuses the next N sends with `SendThrottledError`. */
  failNext = 0;

  async sendRaw(raw: Buffer, envelope: { from: string; to: readonly string[] }): Promise<SentMail> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new SendThrottledError('rate', 'injected: maximum sending rate exceeded');
    }
    const providerMessageId = `0100018f${String(this.sent.length + 1).padStart(8, '0')}-fake-000000`;
    const mail = { providerMessageId, messageId: this.messageIdOf(providerMessageId) };
    this.sent.push({ ...mail, raw: Buffer.from(raw), envelope: { from: envelope.from, to: [...envelope.to] } });
    return mail;
  }

  messageIdOf(providerMessageId: string): string {
    return `${providerMessageId}@email.fake.example`;
  }

  /** The sent mails whose envelope names `address`, as text. */
  to(address: string): string[] {
    const a = address.toLowerCase();
    return this.sent.filter((m) => m.envelope.to.some((t) => t.toLowerCase() === a)).map((m) => m.raw.toString('utf8'));
  }
}
