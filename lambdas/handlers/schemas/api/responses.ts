import { z } from 'zod';
import { ACCESS_ACTIONS } from '../../../core/access-log';
import { CASE_STATUSES, CASE_TYPES, PRIORITIES, TOPICS } from '../../../core/case';
import { NoticeSchema } from '../../../core/notice';

/**
 * What the API answers, for the OpenAPI document. The use cases' result types are the contract; these
 * describe their main fields (loose objects: a field added to a result does not break a client).
 */

/** An RFC 9457 problem document. */
export const Problem = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const CaseBody = z
  .looseObject({
    tracking: z.string().meta({ examples: ['K7QM-4TZX-P9HC'] }),
    status: z.enum(CASE_STATUSES),
    type: z.enum(CASE_TYPES),
    topic: z.enum(TOPICS),
    priority: z.enum(PRIORITIES),
    subject: z.string(),
    language: z.string(),
    customer: z.looseObject({ address: z.string(), kind: z.string() }),
    assignee: z.string().optional(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    firstResponseAt: z.iso.datetime().optional(),
    deadlines: z.record(z.string(), z.looseObject({ dueAt: z.iso.datetime(), id: z.string() })),
    flags: z.array(z.string()),
    version: z.number().int().meta({ description: "Optimistic-concurrency version; the case's ETag." }),
  })
  .meta({ description: 'The case aggregate (lambdas/core/case.ts).' });

export const CaseSummaryBody = z.looseObject({
  tracking: z.string(),
  status: z.enum(CASE_STATUSES),
  subject: z.string(),
  customer: z.looseObject({ address: z.string() }),
  type: z.enum(CASE_TYPES),
  topic: z.enum(TOPICS),
  priority: z.enum(PRIORITIES),
  assignee: z.string().optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  nextDueAt: z.iso.datetime().optional(),
  breaching: z.boolean(),
  version: z.number().int(),
});

export const MessageBody = z.looseObject({
  id: z.string(),
  at: z.iso.datetime(),
  direction: z.enum(['in', 'out', 'note']),
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional().meta({ description: 'Sanitised: no script, no event handlers, no remote images.' }),
  author: z.string().optional(),
  recipientCount: z.number().int().optional().meta({
    description: 'How many To and Cc recipients the mail named, when `to` and `cc` keep only the first 100 of them',
  }),
  fullBody: z.object({ textBytes: z.number().int(), htmlBytes: z.number().int().optional() }).optional().meta({
    description:
      'Set when the body is too large to travel with the thread: `text` is its opening and `html` is absent; read the whole text and HTML from /cases/{tracking}/messages/{messageId}/text and /html.',
  }),
});

export const CaseList = z.object({ items: z.array(CaseSummaryBody), cursor: z.string().optional() });

export const CaseViewBody = z.object({
  case: CaseBody.extend({ breaching: z.boolean() }),
  thread: z.array(MessageBody),
  deadlines: z.record(z.string(), z.unknown()),
  events: z.array(z.looseObject({ seq: z.number().int(), at: z.string(), actor: z.string(), type: z.string() })),
  cursor: z.string().optional().meta({
    description: 'Set when the thread continues: pass it back as `cursor` for the next entries (same shape).',
  }),
});

export const MessageTextBody = z.object({ id: z.string(), text: z.string() });
export const MessageHtmlBody = z.object({
  id: z.string(),
  html: z.string().meta({ description: 'Sanitised: no script, no event handlers, no remote images.' }),
});

export const CaseWritten = z.object({ case: CaseBody, replayed: z.boolean().optional() });
export const MessageWritten = CaseWritten.extend({ messageId: z.string() });

export const NoticeList = z.object({ items: z.array(NoticeSchema) });
export const NoticeDeclared = z.object({
  notice: NoticeSchema,
  /** The broadcast's fan-out was queued (it runs on the bulk mail lane, after the response). */
  broadcastQueued: z.boolean(),
  replayed: z.boolean(),
});

export const AccessLogPage = z.object({
  items: z.array(
    z.object({
      at: z.iso.datetime(),
      actor: z.string(),
      action: z.enum(ACCESS_ACTIONS),
      target: z.string(),
      window: z.iso.datetime(),
    }),
  ),
  cursor: z.string().optional(),
});

const count = z.number().int().min(0);
/** `GET /reports/backlog`: one entry per whole UTC day of the range up to today, oldest first. */
export const BacklogReport = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  generatedAt: z.iso.datetime(),
  days: z.array(
    z.object({
      day: z.iso.date(),
      received: count.meta({ description: 'Cases received that day' }),
      resolved: count.meta({ description: 'Cases resolved that day (an outcome given)' }),
      ended: count.meta({ description: 'Cases resolved or closed that day' }),
      open: count.meta({ description: "Cases received by the day's end and not ended by then" }),
    }),
  ),
});

export const Health = z.object({ status: z.literal('ok') });
export const AnyJson = z.looseObject({});

/** The public half of the key that signs exports (docs/api.md, "Export and how to verify it"). */
export const ExportPublicKey = z.object({
  keyId: z.string(),
  algorithm: z.literal('ECDSA_SHA_256'),
  publicKeyPem: z.string(),
});

/** An export job as `POST /exports` and `GET /exports/{id}` show it. */
export const ExportJobBody = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  selection: z.object({ from: z.string(), to: z.string(), customer: z.string().optional() }),
  requestedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  progress: z.object({
    pagesDone: z.number().meta({ description: 'Index pages read' }),
    cases: z.number().meta({ description: 'Cases put into the file' }),
    records: z.number().meta({ description: 'Records (cases, messages, events) put into the file' }),
    partsUploaded: z.number(),
    bytesUploaded: z.number(),
  }),
  error: z.string().optional(),
  download: z
    .object({
      url: z.string().meta({ description: 'Presigned GET of exactly this export file; expires after 5 minutes' }),
      expiresAt: z.string(),
      lastHash: z.string().meta({ description: "The file's last line hash (its signed summary line)" }),
    })
    .optional()
    .meta({ description: 'Present once the job is done' }),
});

export const MailPreviewBody = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().meta({ description: "The template's HTML (the agent's words escaped); show it sandboxed" }),
  language: z.string(),
});
