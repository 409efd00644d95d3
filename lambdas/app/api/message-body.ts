import { accessRecord } from '../../core/access-log';
import { NotFoundError } from '../../core/errors';
import { sanitiseHtml } from '../../core/html-sanitiser';
import type { CaseMessage } from '../../core/message';
import { withFullBody, type BodyPart } from '../../core/message-body';
import type { BlobStore } from '../../core/ports';
import type { Actor } from './actor';
import type { ApiDeps } from './api-deps';
import { loadCase } from './case-access';

/**
 * A thread entry with its whole body, wherever it is kept: an entry whose body went to S3 gets its text
 * and HTML back and loses the pointer, so it reads (and exports, and hashes) exactly as an entry that
 * kept its body on the item.
 */
export async function withBody(m: CaseMessage, blobs: Pick<BlobStore, 'get'>): Promise<CaseMessage> {
  if (!m.body) return m;
  const { textKey, htmlKey } = m.body;
  const [text, html] = await Promise.all([
    blobs.get(textKey).then((b) => b.toString('utf8')),
    htmlKey ? blobs.get(htmlKey).then((b) => b.toString('utf8')) : undefined,
  ]);
  return withFullBody(m, text, html);
}

export interface MessageBodyCommand {
  readonly actor: Actor;
  readonly tracking: string;
  /** The thread entry's id (`id` in the case's thread). */
  readonly messageId: string;
  readonly part: BodyPart;
}

export type MessageBodyView =
  { readonly id: string; readonly text: string } | { readonly id: string; readonly html: string };

/**
 * The whole text or HTML of one thread entry, for entries whose body is too large to travel with the
 * thread (the thread carries a preview and `fullBody`); works for any entry. HTML is sanitised again on
 * the way out, as in the thread. Notes are staff-only like in the thread (every API role is staff).
 */
export async function readMessageBody(
  cmd: MessageBodyCommand,
  deps: Pick<ApiDeps, 'repo' | 'clock' | 'accessLog' | 'blobs'>,
): Promise<MessageBodyView> {
  const c = await loadCase(deps.repo, cmd.tracking);
  const found = (await deps.repo.listMessages(c.tracking)).find((m) => m.id === cmd.messageId);
  if (!found) throw new NotFoundError(`case ${c.tracking} has no message ${cmd.messageId}`);
  await deps.accessLog.record(
    accessRecord({ at: deps.clock.now(), actor: cmd.actor.sub, action: 'case_read', target: c.tracking }),
  );
  const m = await withBody(found, deps.blobs);
  if (cmd.part === 'text') return { id: m.id, text: m.text };
  if (m.html === undefined) throw new NotFoundError(`message ${m.id} has no HTML`);
  return { id: m.id, html: sanitiseHtml(m.html) };
}
