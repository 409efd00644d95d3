import type { AuditEvent } from '../../core/audit-chain';
import { nextDueAt, type Case } from '../../core/case';
import { sanitiseHtml } from '../../core/html-sanitiser';
import type { CaseMessage } from '../../core/message';
import type { ListedCase } from '../../core/ports';
import type { Actor } from './actor';

/** Roles that may read internal notes (every role the API knows is staff; a future customer role is not). */
const NOTE_READERS = new Set(['agent', 'supervisor', 'auditor']);

export function isBreaching(c: Pick<Case, 'deadlines'>, now: Date): boolean {
  const due = nextDueAt(c.deadlines);
  return due !== undefined && Date.parse(due) <= now.getTime();
}

export type CaseSummary = ReturnType<typeof caseSummary>;

/** One line of the case list. */
export function caseSummary(c: ListedCase, now: Date) {
  const due = nextDueAt(c.deadlines);
  return {
    tracking: c.tracking,
    status: c.status,
    subject: c.subject,
    customer: c.customer,
    type: c.type,
    topic: c.topic,
    priority: c.priority,
    // The console's queue shows the language and the sender-authentication flags on each line.
    language: c.language,
    flags: c.flags,
    ...(c.assignee ? { assignee: c.assignee } : {}),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    ...(due ? { nextDueAt: due } : {}),
    breaching: isBreaching(c, now),
    version: c.version,
  };
}

/**
 * A thread entry as agents read it. HTML is sanitised again on the way out (defence in depth: whatever
 * was stored, or however the sanitiser's rules changed since, no script, handler or remote image leaves
 * the API).
 */
export function presentMessage(m: CaseMessage) {
  const { html, body, ...rest } = m;
  return {
    ...rest,
    ...(html !== undefined ? { html: sanitiseHtml(html) } : {}),
    // Where the body is in S3, `text` is its opening; the whole text and HTML are read one entry at a time.
    ...(body
      ? {
          fullBody: {
            textBytes: body.textBytes,
            ...(body.htmlBytes !== undefined ? { htmlBytes: body.htmlBytes } : {}),
          },
        }
      : {}),
  };
}

export type CaseView = ReturnType<typeof caseView>;

/** The full case view: the case, its thread (notes for staff), its deadlines and its audit events. */
export function caseView(
  c: Case,
  messages: readonly CaseMessage[],
  events: readonly AuditEvent[],
  p: Actor,
  now: Date,
) {
  return {
    case: { ...c, breaching: isBreaching(c, now) },
    thread: visibleThread(messages, p).map(presentMessage),
    deadlines: c.deadlines,
    events,
  };
}

/** The thread entries `p` may read (notes only for staff). */
export function visibleThread(messages: readonly CaseMessage[], p: Actor): CaseMessage[] {
  const staff = p.roles.some((r) => NOTE_READERS.has(r));
  return messages.filter((m) => m.direction !== 'note' || staff);
}
