import { SendRawEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import { SendThrottledError } from '../core/errors';
import type { RawMailSender, SentMail } from '../core/ports';

/**
 * Sends exact MIME bytes with SES v1 SendRawEmail (10 MB limit). SES replaces the Message-ID with
 * `<providerMessageId@REGION.amazonses.com>`, which this sender reports so callers link that form to the
 * case (docs/architecture.md). SES's refusals for rate or daily quota become `SendThrottledError`.
 */
export class SesRawSender implements RawMailSender {
  constructor(
    private readonly ses: SESClient,
    private readonly region: string,
    private readonly configurationSet?: string,
  ) {}

  async sendRaw(raw: Buffer, envelope: { from: string; to: readonly string[] }): Promise<SentMail> {
    let messageId: string | undefined;
    try {
      const out = await this.ses.send(
        new SendRawEmailCommand({
          RawMessage: { Data: raw },
          Source: envelope.from,
          Destinations: [...envelope.to],
          ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
        }),
      );
      messageId = out.MessageId;
    } catch (err) {
      throw asThrottled(err) ?? err;
    }
    if (!messageId) throw new Error('SES SendRawEmail returned no MessageId');
    return { providerMessageId: messageId, messageId: this.messageIdOf(messageId) };
  }

  messageIdOf(providerMessageId: string): string {
    return sesMessageIdHeader(providerMessageId, this.region);
  }
}

/**
 * SES answers `Throttling` (query API; `ThrottlingException` in SESv2) with "Maximum sending rate
 * exceeded." or "Daily message quota exceeded." (SES developer guide, "Errors related to the sending
 * quotas"). Anything else is not ours to reinterpret.
 */
export function asThrottled(err: unknown): SendThrottledError | undefined {
  if (!(err instanceof Error) || (err.name !== 'Throttling' && err.name !== 'ThrottlingException')) return undefined;
  if (/daily message quota exceeded/i.test(err.message))
    return new SendThrottledError('daily_quota', 'SES: daily message quota exceeded', { cause: err });
  return new SendThrottledError('rate', 'SES: maximum sending rate exceeded', { cause: err });
}

/** The Message-ID SES gives a sent message (us-east-1 uses `email.amazonses.com`). */
export function sesMessageIdHeader(providerMessageId: string, region: string): string {
  const host = region === 'us-east-1' ? 'email.amazonses.com' : `${region}.amazonses.com`;
  return `${providerMessageId}@${host}`;
}
