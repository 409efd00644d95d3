import { GetSendQuotaCommand, type SESClient } from '@aws-sdk/client-ses';
import type { SendQuota, SendQuotaSource } from '../core/send-budget';

/**
 * The account's sending limits from SES GetSendQuota (the same numbers as SESv2 GetAccount's
 * `SendQuota`). SES reports -1 for "unlimited" (the local emulator without limits); that becomes
 * undefined.
 */
export class SesSendQuotaSource implements SendQuotaSource {
  constructor(private readonly ses: SESClient) {}

  async read(): Promise<SendQuota> {
    const out = await this.ses.send(new GetSendQuotaCommand({}));
    const limit = (n: number | undefined): number | undefined => (n === undefined || n < 0 ? undefined : n);
    const maxSendRate = limit(out.MaxSendRate);
    const max24HourSend = limit(out.Max24HourSend);
    return {
      ...(maxSendRate !== undefined ? { maxSendRate } : {}),
      ...(max24HourSend !== undefined ? { max24HourSend } : {}),
      sentLast24Hours: out.SentLast24Hours ?? 0,
    };
  }
}
