import { createHmac } from 'node:crypto';
import { compactTrackingNumber, type TrackingNumber } from './tracking-number';

/** Domain separator: the signing key also signs reply addresses and feedback links. */
const DOMAIN = 'mid1.';

/**
 * Our Message-ID for one outbound mail: `docket.<tracking>.<keyed part>@<our domain>`. The keyed part is
 * an HMAC of the case and purpose under the signing secret, so a redelivery of the same request reuses
 * the same id while an outsider who knows a tracking number cannot compute it (and so cannot claim it
 * first by mailing in with it: a claimed id would otherwise be refused when the mailer links it).
 */
export function outboundMessageId(
  tracking: TrackingNumber,
  purposeKey: string,
  secret: string,
  domain: string,
): string {
  const keyed = createHmac('sha256', secret).update(`${DOMAIN}${tracking}\n${purposeKey}`).digest('hex').slice(0, 32); // 128 bits
  return `docket.${compactTrackingNumber(tracking).toLowerCase()}.${keyed}@${domain}`;
}
