import { z } from 'zod';
import { DEADLINE_KINDS } from './case';

/**
 * An outbound queue message: the mailer renders and sends it, once per (case, `purposeKey`). One schema,
 * discriminated by `purpose`, shared by every producer (intake, timers, API) and the mailer, so each
 * purpose carries exactly the data its template needs and nothing is re-parsed with casts.
 *
 * Unknown keys are dropped on parse (not refused): a message queued by an older version still sends.
 */

/** Every kind of mail Docket sends to a customer. */
export const OUTBOUND_PURPOSES = [
  'acknowledgement',
  'reply_received',
  'agent_reply',
  'status_update',
  'resolution',
  'auto_close',
  'notice',
  'late_decision',
] as const;
export type OutboundPurpose = (typeof OUTBOUND_PURPOSES)[number];

export const RESOLUTION_OUTCOMES = ['full', 'partial', 'denied'] as const;

const isoInstant = z.iso.datetime({ offset: true });

/**
 * How often the mailer put this request back for later without trying it for real (send budget,
 * SES rate or daily quota, another delivery holding the send), and how many real failures earlier copies
 * of it had. A deferral re-sends the request as a new SQS message, whose receive count starts again.
 */
export const DeliveryCountSchema = z.object({
  deferrals: z.number().int().nonnegative(),
  failedAttempts: z.number().int().nonnegative(),
});
export type DeliveryCount = z.infer<typeof DeliveryCountSchema>;

const base = {
  tracking: z.string().min(1),
  /** Unique per case and purpose instance, e.g. "acknowledgement", "agent_reply:<id>", "status_update:<deadline id>". */
  purposeKey: z.string().min(1).max(300),
  delivery: DeliveryCountSchema.optional(),
};

export const OutboundRequestSchema = z.discriminatedUnion('purpose', [
  z.object({ ...base, purpose: z.literal('acknowledgement') }),
  z.object({ ...base, purpose: z.literal('reply_received') }),
  z.object({
    ...base,
    purpose: z.literal('agent_reply'),
    data: z.object({
      text: z.string(),
      /** Already sanitised by the API. */
      html: z.string().optional(),
      /** The agent's id (recorded as the actor). */
      author: z.string().min(1),
      authorName: z.string().min(1).optional(),
    }),
  }),
  z.object({
    ...base,
    purpose: z.literal('status_update'),
    /** The kind of deadline that was due when this was queued. */
    deadlineKind: z.enum(DEADLINE_KINDS).optional(),
    data: z
      .object({
        previousEstimatedResolutionAt: isoInstant.optional(),
        detail: z.string().min(1).optional(),
      })
      .optional(),
  }),
  z.object({
    ...base,
    purpose: z.literal('resolution'),
    data: z.object({ outcome: z.enum(RESOLUTION_OUTCOMES), explanation: z.string() }).optional(),
  }),
  z.object({ ...base, purpose: z.literal('auto_close') }),
  z.object({ ...base, purpose: z.literal('notice'), data: z.object({ noticeId: z.string().min(1) }) }),
  z.object({ ...base, purpose: z.literal('late_decision'), data: z.object({ reason: z.string() }) }),
]);

export type OutboundRequest = z.infer<typeof OutboundRequestSchema>;
/** The request of one purpose, e.g. `OutboundRequestOf<'notice'>`. */
export type OutboundRequestOf<P extends OutboundPurpose> = Extract<OutboundRequest, { purpose: P }>;

/**
 * The two sending lanes. `interactive` mail answers something a person just did (a customer wrote, an
 * agent answered or decided) and goes first; `bulk` mail is scheduled or broadcast and waits while any
 * interactive mail is pending, so a broadcast to every open case never delays an acknowledgement.
 */
export type OutboundLane = 'interactive' | 'bulk';

const LANES: Readonly<Record<OutboundPurpose, OutboundLane>> = {
  acknowledgement: 'interactive',
  reply_received: 'interactive',
  agent_reply: 'interactive',
  resolution: 'interactive',
  late_decision: 'interactive',
  status_update: 'bulk',
  auto_close: 'bulk',
  notice: 'bulk',
};

export function outboundLane(purpose: OutboundPurpose): OutboundLane {
  return LANES[purpose];
}

/**
 * The queue a request is sent to: one per lane, so a broadcast to every open case queues behind nothing
 * an acknowledgement needs, and the mailer's pollers and the send budget serve the interactive lane first.
 */
export function outboundQueueOf(req: Pick<OutboundRequest, 'purpose'>): 'outbound' | 'outbound-bulk' {
  return outboundLane(req.purpose) === 'interactive' ? 'outbound' : 'outbound-bulk';
}
