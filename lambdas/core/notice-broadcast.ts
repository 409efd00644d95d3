import { z } from 'zod';

/**
 * One page of a broadcast notice's fan-out, queued on the bulk lane: the mailer lists one page of open
 * cases of one status, queues the notice for each (sent once per case and notice), and queues the next
 * page. The API only queues the first page, so a broadcast to 50,000 open cases costs one request,
 * whatever its size.
 */
export const NoticeBroadcastPageSchema = z.object({
  type: z.literal('notice_broadcast'),
  noticeId: z.string().min(1),
  /** Index into {@link BROADCAST_STATUSES}. */
  statusIndex: z.number().int().nonnegative(),
  cursor: z.string().min(1).optional(),
});
export type NoticeBroadcastPage = z.infer<typeof NoticeBroadcastPageSchema>;

/** Statuses whose customers hear about a broadcast notice (the case is still open for them). */
export const BROADCAST_STATUSES = ['new', 'open', 'pending'] as const;

/** The first page of a notice's fan-out. */
export function firstBroadcastPage(noticeId: string): NoticeBroadcastPage {
  return { type: 'notice_broadcast', noticeId, statusIndex: 0 };
}

/** Whether a queued body is a fan-out page (anything else on an outbound queue is an outbound request). */
export function isBroadcastPage(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { type?: unknown }).type === 'notice_broadcast';
}
