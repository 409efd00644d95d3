import { z } from 'zod';
import { DEADLINE_KINDS } from '../../core/case';
import { ValidationError } from '../../core/errors';
import type { TimerMessage } from '../../core/ports';
import { tryParseTrackingNumber } from '../../core/tracking-number';

/** The body of a timer queue message, as `armDeadlines` writes it. */
export const TimerMessageSchema = z.strictObject({
  tracking: z.string().transform((s, ctx) => {
    const t = tryParseTrackingNumber(s);
    if (!t) ctx.addIssue({ code: 'custom', message: 'not a valid tracking number' });
    return t ?? z.NEVER;
  }),
  kind: z.enum(DEADLINE_KINDS),
  deadlineId: z.string().min(1).max(200),
  dueAt: z.iso.datetime({ offset: true }),
});

/**
 * Parses an SQS message body into a `TimerMessage`. Throws `ValidationError` for a body that can never
 * succeed; the handler fails the record, so after its retries it is parked in the dead-letter queue
 * (nothing is silently dropped) and the DLQ alarm tells a human.
 */
export function parseTimerMessage(body: string): TimerMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (cause) {
    throw new ValidationError('timer message body is not JSON', { cause });
  }
  const parsed = TimerMessageSchema.safeParse(json);
  if (!parsed.success)
    throw new ValidationError(`malformed timer message: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  return parsed.data;
}
