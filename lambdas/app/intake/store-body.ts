import type { CaseMessage } from '../../core/message';
import { bodyKey, needsOffload, withStoredBody } from '../../core/message-body';
import type { IntakeDeps, ReadMail } from './intake-types';

/**
 * Moves a body too large for the item (core/message-body.ts) to the mail bucket under `bodies/<ses id>/`
 * and returns the entry to commit, with a pointer and a preview; any other message is returned as is.
 * The objects are records like the raw mail they come from and are retained as long.
 *
 * Runs before the case is written, and the keys depend on the mail alone: a redelivery after a crash in
 * between writes the same keys with the same bytes.
 */
export async function storeBody(
  message: CaseMessage,
  mail: ReadMail,
  deps: Pick<IntakeDeps, 'blobs'>,
): Promise<CaseMessage> {
  if (!needsOffload(message)) return message;
  const { retainUntil } = mail;
  const textKey = bodyKey(mail.sesMessageId, 'text');
  const htmlKey = message.html !== undefined ? bodyKey(mail.sesMessageId, 'html') : undefined;
  await Promise.all([
    deps.blobs.put(textKey, Buffer.from(message.text, 'utf8'), 'text/plain; charset=utf-8', { retainUntil }),
    ...(htmlKey && message.html !== undefined
      ? [deps.blobs.put(htmlKey, Buffer.from(message.html, 'utf8'), 'text/html; charset=utf-8', { retainUntil })]
      : []),
  ]);
  return withStoredBody(message, {
    textKey,
    textBytes: Buffer.byteLength(message.text, 'utf8'),
    ...(htmlKey && message.html !== undefined ? { htmlKey, htmlBytes: Buffer.byteLength(message.html, 'utf8') } : {}),
  });
}
