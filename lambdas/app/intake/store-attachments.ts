import { attachmentKey } from '../../core/attachment';
import type { ParsedMail } from '../../core/intake/parsed-mail';
import type { AttachmentMeta } from '../../core/message';
import { attachmentMetas } from './inbound-message';
import type { IntakeDeps, ReadMail } from './intake-types';

/**
 * Stores each recorded attachment of an inbound message on its own, under
 * `attachments/<tracking>/<message id>/<n>`, so the console can hand out one file without the raw mail,
 * and returns the metadata with each `blobKey`. The copies are retained exactly as long as the raw
 * message they come from (compliance mode, like the raw mail: the copies are records too). Without an
 * attachment reader, or without attachments, the raw message alone keeps them.
 *
 * Runs before the case is written: a crash in between re-stores the same keys on redelivery.
 */
export async function storeAttachments(
  parsed: ParsedMail,
  mail: ReadMail,
  tracking: string,
  deps: Pick<IntakeDeps, 'blobs' | 'attachments'>,
): Promise<AttachmentMeta[]> {
  const metas = attachmentMetas(parsed);
  if (!deps.attachments || metas.length === 0) return metas;
  const { retainUntil } = mail;
  const keys = new Map<number, string>();
  await deps.attachments.readAttachments(mail.raw, async (n, content) => {
    const meta = metas[n];
    if (!meta) return;
    const key = attachmentKey(tracking, mail.sesMessageId, n);
    await deps.blobs.put(key, content, meta.contentType, { retainUntil });
    keys.set(n, key);
  });
  return metas.map((m, n) => {
    const blobKey = keys.get(n);
    return blobKey ? { ...m, blobKey } : m;
  });
}
