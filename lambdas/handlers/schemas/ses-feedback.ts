import { z } from 'zod';
import type { DeliveryFeedback } from '../../app/feedback/record-delivery-feedback';

const Recipient = z.object({ emailAddress: z.string() });
const SesEvent = z.object({
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  mail: z.object({ messageId: z.string().min(1) }),
  bounce: z
    .object({
      bounceType: z.string(),
      bounceSubType: z.string().optional(),
      bouncedRecipients: z.array(Recipient).default([]),
    })
    .optional(),
  complaint: z
    .object({ complainedRecipients: z.array(Recipient).default([]), complaintFeedbackType: z.string().optional() })
    .optional(),
});
const SnsEnvelope = z.object({ Type: z.literal('Notification'), Message: z.string() });

/** Accepts an SES event as SQS receives it, wrapped in an SNS envelope or delivered raw. */
export function feedbackFromSqsBody(body: string): DeliveryFeedback {
  let json: unknown = JSON.parse(body);
  const envelope = SnsEnvelope.safeParse(json);
  if (envelope.success) json = JSON.parse(envelope.data.Message);
  const e = SesEvent.parse(json);
  const type = (e.eventType ?? e.notificationType ?? '').toLowerCase();
  if (type === 'bounce' && e.bounce) {
    return {
      kind: 'bounce',
      sesMessageId: e.mail.messageId,
      permanent: e.bounce.bounceType === 'Permanent',
      recipients: e.bounce.bouncedRecipients.map((r) => r.emailAddress),
      detail: [e.bounce.bounceType, e.bounce.bounceSubType].filter(Boolean).join('/'),
    };
  }
  if (type === 'complaint' && e.complaint) {
    return {
      kind: 'complaint',
      sesMessageId: e.mail.messageId,
      permanent: true,
      recipients: e.complaint.complainedRecipients.map((r) => r.emailAddress),
      ...(e.complaint.complaintFeedbackType ? { detail: e.complaint.complaintFeedbackType } : {}),
    };
  }
  return {
    kind: type === 'delivery' ? 'delivery' : 'other',
    sesMessageId: e.mail.messageId,
    permanent: false,
    recipients: [],
  };
}
