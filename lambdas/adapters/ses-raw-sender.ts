import { SendRawEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import type { RawMailSender } from '../core/ports';

/**
 * Sends exact MIME bytes with SES v1 SendRawEmail (10 MB limit). SES replaces the Message-ID with
 * `<providerMessageId@REGION.amazonses.com>`; callers link that form to the case (DESIGN.md).
 */
export class SesRawSender implements RawMailSender {
  constructor(
    private readonly ses: SESClient,
    private readonly configurationSet?: string,
  ) {}

  async sendRaw(
    raw: Buffer,
    envelope: { from: string; to: readonly string[] },
  ): Promise<{ providerMessageId: string }> {
    const out = await this.ses.send(
      new SendRawEmailCommand({
        RawMessage: { Data: raw },
        Source: envelope.from,
        Destinations: [...envelope.to],
        ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
      }),
    );
    if (!out.MessageId) throw new Error('SES SendRawEmail returned no MessageId');
    return { providerMessageId: out.MessageId };
  }
}

/** The Message-ID SES gives a sent message (us-east-1 uses `email.amazonses.com`). */
export function sesMessageIdHeader(providerMessageId: string, region: string): string {
  const host = region === 'us-east-1' ? 'email.amazonses.com' : `${region}.amazonses.com`;
  return `${providerMessageId}@${host}`;
}
