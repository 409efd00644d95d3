import { boundUtf8, type CaseMessage, type StoredBody } from './message';

/**
 * Message bodies that do not fit comfortably in a DynamoDB item (400 KB, with headers, recipients and
 * attachment metadata beside them) live in the mail bucket under `bodies/`; the thread entry keeps a
 * pointer and a preview (docs/adr/0009-message-bodies-in-s3.md).
 */

/** Key prefix of stored message bodies (the catalogue grants on it). */
export const BODY_KEY_PREFIX = 'bodies/';

/**
 * Text and HTML together (UTF-8 bytes) above which a body goes to S3. Well above an ordinary support
 * mail (a few KB of text, a few tens of KB of client HTML), so a normal thread still reads in one query;
 * low enough that a page of 100 thread entries stays under Lambda's 6 MB response and an item far under
 * 400 KB whatever else it carries.
 */
export const INLINE_BODY_BYTES = 32 * 1024;

/** The preview kept on the item in place of an offloaded text (UTF-8 bytes). */
export const BODY_PREVIEW_BYTES = 2 * 1024;

/** Recipients (To and Cc together) kept on a thread entry; `recipientCount` says how many the mail named. */
export const MAX_RECIPIENTS = 100;

export type BodyPart = 'text' | 'html';

/**
 * Where part `part` of inbound message `messageId` (SES's message id) is stored. It depends on the mail
 * alone, not on the case it joins: a redelivered mail writes the same key.
 */
export function bodyKey(messageId: string, part: BodyPart): string {
  return `${BODY_KEY_PREFIX}${encodeURIComponent(messageId)}/${part}`;
}

/** Whether a message's text and HTML together are too large to keep on its item. */
export function needsOffload(m: Pick<CaseMessage, 'text' | 'html'>): boolean {
  return Buffer.byteLength(m.text, 'utf8') + (m.html ? Buffer.byteLength(m.html, 'utf8') : 0) > INLINE_BODY_BYTES;
}

/** The item form of a message whose body was stored at `body`: the text's opening as a preview, no HTML. */
export function withStoredBody(m: CaseMessage, body: StoredBody): CaseMessage {
  const { html: _html, ...rest } = m;
  return { ...rest, text: boundUtf8(m.text, BODY_PREVIEW_BYTES).text, body };
}

/** The message as if it had been kept whole on its item: the stored text and HTML back, the pointer gone. */
export function withFullBody(m: CaseMessage, text: string, html: string | undefined): CaseMessage {
  const { body: _body, ...rest } = m;
  return { ...rest, text, ...(html !== undefined ? { html } : {}) };
}

/**
 * To and Cc capped at {@link MAX_RECIPIENTS} together (To first), with the count the mail named when
 * any were dropped (`named`: the parser's count, when it already kept only the first of a long list).
 * A 10,000-address Cc would otherwise fill the item on its own.
 */
export function capRecipients(
  to: readonly string[],
  cc: readonly string[],
  named: number = to.length + cc.length,
): { to: string[]; cc: string[]; recipientCount?: number } {
  const total = Math.max(named, to.length + cc.length);
  if (total <= MAX_RECIPIENTS) return { to: [...to], cc: [...cc] };
  const keptTo = to.slice(0, MAX_RECIPIENTS);
  return { to: keptTo, cc: cc.slice(0, MAX_RECIPIENTS - keptTo.length), recipientCount: total };
}
