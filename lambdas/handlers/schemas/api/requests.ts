import { z } from 'zod';
import { CASE_STATUSES, CASE_TYPES, OUTCOMES, PRIORITIES, TOPICS } from '../../../core/case';
import { hasLineBreakOrControl } from '../../../core/header-safety';
import { NOTICE_WINDOW_ISSUE, NoticeFields, noticeWindowIsValid } from '../../../core/notice';
import { THREAD_PAGE_DEFAULT, THREAD_PAGE_MAX } from '../../../app/api/cases-read';

/** Longest reply or note text: a long answer fits; a pasted log file does not. */
export const MAX_TEXT_LENGTH = 50_000;
/** A partial or denied outcome needs a real explanation (DFS: explain when not resolved to satisfaction). */
export const MIN_EXPLANATION_LENGTH = 20;

/**
 * A single-line value that may reach a mail header or a log line (assignee, ids): CR/LF and other control
 * characters are refused with a 400 rather than cleaned, so nobody is surprised by what was stored.
 */
export const headerSafe = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !hasLineBreakOrControl(s), { message: 'must be one line without control characters (no CR or LF)' });

export const ReplyBody = z.strictObject({
  text: z.string().trim().min(1).max(MAX_TEXT_LENGTH),
  html: z
    .string()
    .max(MAX_TEXT_LENGTH * 4)
    .optional(),
  /** Where the case goes after the reply: `pending` when we wait on the customer. Resolving has its own endpoint. */
  status: z.enum(['open', 'pending']).optional(),
});

/** What the agent is about to send; the preview renders it and sends nothing (no minimum lengths here). */
export const PreviewBody = z.discriminatedUnion('purpose', [
  z.strictObject({
    purpose: z.literal('agent_reply'),
    text: z.string().max(MAX_TEXT_LENGTH),
    html: z
      .string()
      .max(MAX_TEXT_LENGTH * 4)
      .optional(),
  }),
  z.strictObject({
    purpose: z.literal('resolution'),
    outcome: z.enum(OUTCOMES),
    explanation: z.string().max(MAX_TEXT_LENGTH).optional(),
  }),
  z.strictObject({
    purpose: z.literal('late_decision'),
    reason: z.string().max(MAX_TEXT_LENGTH),
    expectedDecisionAt: z.iso.datetime({ offset: true }).optional(),
  }),
]);

export const NoteBody = z.strictObject({ text: z.string().trim().min(1).max(MAX_TEXT_LENGTH) });

/** MiCA/FCA complaint rules: a late decision is explained to the customer, with the reasons and a new date. */
export const DelayNoticeBody = z.strictObject({
  reason: z.string().trim().min(20).max(MAX_TEXT_LENGTH),
  expectedDecisionAt: z.iso.datetime({ offset: true }).optional(),
});

const CATEGORY_VALUES = [...CASE_TYPES, ...TOPICS] as const;

export const PatchBody = z
  .strictObject({
    status: z.enum(CASE_STATUSES).optional(),
    assignee: headerSafe(254).nullable().optional(),
    priority: z.enum(PRIORITIES).optional(),
    /** Either a type (request, complaint) or a topic; `type` and `topic` set one explicitly. */
    category: z.enum(CATEGORY_VALUES).optional(),
    type: z.enum(CASE_TYPES).optional(),
    topic: z.enum(TOPICS).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'name at least one field to change' });

export const ResolveBody = z
  .strictObject({
    outcome: z.enum(OUTCOMES),
    explanation: z.string().trim().max(MAX_TEXT_LENGTH).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.outcome !== 'full' && (b.explanation ?? '').length < MIN_EXPLANATION_LENGTH) {
      ctx.addIssue({
        code: 'custom',
        path: ['explanation'],
        message: `an explanation of at least ${MIN_EXPLANATION_LENGTH} characters is required when the outcome is ${b.outcome}`,
      });
    }
  });

/**
 * A notice as a supervisor declares it: the stored notice's own schema without its id (derived from the
 * key or generated), with the delay defaulting to none and whether to mail it to every open case.
 */
export const NoticeBody = NoticeFields.omit({ id: true })
  .extend({
    extraDelayMinutes: NoticeFields.shape.extraDelayMinutes.default(0),
    /** Also mail the notice to every customer with an open case (once per case). */
    broadcast: z.boolean().default(false),
  })
  .refine(noticeWindowIsValid, NOTICE_WINDOW_ISSUE);

const dateOrInstant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s).toISOString());

export const ListQuery = z.strictObject({
  status: z.enum(CASE_STATUSES).optional(),
  /** One customer's cases, by their address (recorded in the access log). */
  customer: z.email().max(254).optional(),
  assignee: headerSafe(254).optional(),
  category: z.enum(CATEGORY_VALUES).optional(),
  breaching: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2000).optional(),
});

/** Paging of a case's thread in `GET /cases/{tracking}` (the default page holds a whole ordinary thread). */
export const CaseViewQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(THREAD_PAGE_MAX)
    .optional()
    .meta({ description: `Thread entries on this page (default ${THREAD_PAGE_DEFAULT})` }),
  cursor: z
    .string()
    .max(2000)
    .optional()
    .meta({ description: 'The `cursor` of the previous page: continues the thread after it' }),
});

export const RangeQuery = z
  .strictObject({ from: dateOrInstant, to: dateOrInstant })
  .refine((q) => q.from < q.to, { message: 'from must be before to', path: ['to'] });

export const QuarterlyQuery = z.strictObject({
  quarter: z.string(),
  format: z.enum(['json', 'csv', 'html']).optional(),
});

export const ExportQuery = z.strictObject({
  from: dateOrInstant.optional(),
  to: dateOrInstant.optional(),
  customer: z.email().max(254).optional(),
  case: z.string().max(40).optional(),
  /** Cases per page (each with its messages and events). */
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  cursor: z.string().max(2000).optional(),
});

/** `POST /exports`: the cases created in [from, to), optionally one customer's. */
export const ExportJobRequest = z
  .strictObject({
    from: dateOrInstant,
    to: dateOrInstant,
    customer: z.email().max(254).optional(),
  })
  .refine((q) => q.from < q.to, { message: 'from must be before to', path: ['to'] });

const Score = z.coerce.number().int().min(1).max(5);

/**
 * The score a satisfaction link carries. Lenient on purpose: the reader is a customer, and a missing or
 * mangled score (or a tracker's extra parameter) only means the confirmation page pre-selects nothing.
 */
/** The access log over [from, to): at most 93 days a listing. */
export const AccessLogQuery = z
  .strictObject({
    from: dateOrInstant,
    to: dateOrInstant,
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    cursor: z.string().max(2000).optional(),
  })
  .refine((q) => q.from < q.to, { message: 'from must be before to', path: ['to'] });

export const FeedbackQuery = z.object({ score: Score.optional().catch(undefined) });

/** The confirmation page's form: the score the customer pressed. */
export const FeedbackForm = z.strictObject({ score: Score });

/** `Idempotency-Key`: what the client sends; it becomes part of a DynamoDB key. */
export const IdempotencyKeyHeader = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
  .meta({
    description: 'Makes a retried POST safe: a replay answers as the original did, marked Idempotent-Replayed.',
  });

/**
 * `If-Match` (RFC 9110 §13.1.1) as the versions the client accepts: `*` accepts any (undefined), a weak
 * tag compares by its value, and a tag that is not a version can match nothing.
 */
export const IfMatchHeader = z
  .string()
  .max(200)
  .transform((header): number[] | undefined => {
    const tags = header.split(',').map((t) => t.trim().replace(/^W\//, '').replace(/^"|"$/g, ''));
    if (tags.includes('*')) return undefined;
    return tags.map((t) => (/^\d{1,15}$/.test(t) ? Number(t) : -1));
  })
  .meta({
    description: "The case's ETag as read: the change happens only if the case still has that version (else 412).",
  });

/** A tracking number as a person types it; the use case normalises it and checks its check character. */
export const TrackingParams = z.strictObject({
  tracking: z.string().min(1).max(64).meta({
    description:
      'Tracking number as a person types it (case, spaces, dashes and O/0 are forgiven); a wrong check character is a 400 that says so.',
  }),
});
