import { z } from 'zod';

/**
 * A maintenance window or an incident declared by a supervisor. While active it is shown in
 * acknowledgements and status updates and its extra delay is added to the stated response time
 * (DFS guidance: tell customers about expected delays during planned and unplanned events).
 */
export const NOTICE_KINDS = ['maintenance', 'incident'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Longest notice text we accept: a notice is a short paragraph, not a newsletter. */
export const MAX_NOTICE_MESSAGE_LENGTH = 2000;

/** A notice's fields without the cross-field check: the base of the API's declaration body too. */
export const NoticeFields = z.strictObject({
  id: z.string().min(1).max(100),
  kind: z.enum(NOTICE_KINDS),
  /** What customers read, in the firm's default language. */
  message: z.string().trim().min(1).max(MAX_NOTICE_MESSAGE_LENGTH),
  /** Optional translations keyed by ISO 639-1 code; the customer's language is used when present. */
  messages: z.record(z.string().length(2), z.string().trim().min(1).max(MAX_NOTICE_MESSAGE_LENGTH)).optional(),
  /** ISO-8601 instant. */
  startsAt: z.iso.datetime({ offset: true }),
  /** ISO-8601 instant; absent for an incident whose end is not yet known. */
  endsAt: z.iso.datetime({ offset: true }).optional(),
  /** Added to the expected response time while the notice is active. */
  extraDelayMinutes: z
    .number()
    .int()
    .nonnegative()
    .max(60 * 24 * 30),
});

/** A notice's window must not end before it starts (an open-ended one is fine). */
export function noticeWindowIsValid(n: { readonly startsAt: string; readonly endsAt?: string | undefined }): boolean {
  return n.endsAt === undefined || Date.parse(n.endsAt) > Date.parse(n.startsAt);
}

/** The issue a notice with a backwards window reports (shared by every schema that checks the window). */
export const NOTICE_WINDOW_ISSUE = { message: 'endsAt must be after startsAt', path: ['endsAt'] };

export const NoticeSchema = NoticeFields.refine(noticeWindowIsValid, NOTICE_WINDOW_ISSUE);

export type Notice = z.infer<typeof NoticeSchema>;

/** True when `at` falls inside the notice's window (an open-ended notice stays active). */
export function isNoticeActive(notice: Notice, at: Date): boolean {
  const t = at.getTime();
  if (t < Date.parse(notice.startsAt)) return false;
  return notice.endsAt === undefined || t < Date.parse(notice.endsAt);
}

/** The notices active at `at`, earliest start first. */
export function activeNotices(notices: readonly Notice[], at: Date): Notice[] {
  return notices.filter((n) => isNoticeActive(n, at)).sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}

/**
 * The extra delay the active notices add to a stated response time. Overlapping notices do not add up:
 * the largest delay applies, because the events slow the same team at the same time.
 */
export function noticeExtraDelayMinutes(notices: readonly Notice[], at: Date): number {
  return activeNotices(notices, at).reduce((max, n) => Math.max(max, n.extraDelayMinutes), 0);
}

/** The notice text in `language` when a translation exists, else the default text. */
export function noticeMessageFor(notice: Notice, language: string): string {
  return notice.messages?.[language] ?? notice.message;
}
