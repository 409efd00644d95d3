import { z } from 'zod';
import type { OutboundRequest } from '../../app/deps';
import { DEADLINE_KINDS } from '../../core/case';

export const OutboundRequestSchema: z.ZodType<OutboundRequest> = z.object({
  tracking: z.string().min(1),
  purpose: z.enum([
    'acknowledgement',
    'reply_received',
    'agent_reply',
    'status_update',
    'resolution',
    'auto_close',
    'notice',
    'late_decision',
  ]),
  purposeKey: z.string().min(1).max(300),
  data: z.record(z.string(), z.unknown()).optional(),
  deadlineKind: z.enum(DEADLINE_KINDS).optional(),
});
