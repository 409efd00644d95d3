import { accessRecord } from '../../core/access-log';
import { CLEAN_VERDICT, DOWNLOAD_LINK_SECONDS, type DownloadLinks } from '../../core/attachment';
import { ForbiddenError, NotFoundError } from '../../core/errors';
import type { Actor } from './actor';
import type { ApiDeps } from './api-deps';
import { loadCase } from './case-access';

export interface AttachmentLinkCommand {
  readonly actor: Actor;
  readonly tracking: string;
  /** The thread entry's id (for inbound mail, SES's message id). */
  readonly messageId: string;
  /** The attachment's position in the message. */
  readonly index: number;
}

export interface AttachmentLink {
  readonly url: string;
  readonly expiresAt: string;
  readonly filename?: string;
  readonly contentType: string;
  readonly size: number;
}

/**
 * A link that downloads one attachment of one customer message, valid for {@link DOWNLOAD_LINK_SECONDS}.
 * Only attachments of a message SES scanned clean (`X-SES-Virus-Verdict: PASS` in its own header block):
 * an unscanned or suspicious file is kept as a record but never handed to an agent's machine. The
 * download is a read of customer data and goes to the access log first.
 */
export async function attachmentLink(
  cmd: AttachmentLinkCommand,
  deps: Pick<ApiDeps, 'repo' | 'clock' | 'accessLog'> & { readonly downloads: DownloadLinks },
): Promise<AttachmentLink> {
  const c = await loadCase(deps.repo, cmd.tracking);
  const message = (await deps.repo.listMessages(c.tracking)).find((m) => m.id === cmd.messageId);
  const attachment = message?.direction === 'in' ? message.attachments?.[cmd.index] : undefined;
  if (!message || !attachment) throw new NotFoundError(`case ${c.tracking} has no such attachment`);
  if (message.virusVerdict !== CLEAN_VERDICT)
    throw new ForbiddenError(
      `the message was not scanned clean (virus verdict: ${message.virusVerdict ?? 'none'}); its attachments cannot be downloaded`,
    );
  if (!attachment.blobKey)
    throw new NotFoundError('this attachment is kept only inside the raw message and has no download');
  const now = deps.clock.now();
  await deps.accessLog.record(
    accessRecord({
      at: now,
      actor: cmd.actor.sub,
      action: 'attachment_download',
      target: `${c.tracking}/${message.id}/${cmd.index}`,
    }),
  );
  const url = await deps.downloads.linkTo(attachment.blobKey, {
    expiresInSeconds: DOWNLOAD_LINK_SECONDS,
    ...(attachment.filename ? { filename: attachment.filename } : {}),
  });
  return {
    url,
    expiresAt: new Date(now.getTime() + DOWNLOAD_LINK_SECONDS * 1000).toISOString(),
    ...(attachment.filename ? { filename: attachment.filename } : {}),
    contentType: attachment.contentType,
    size: attachment.size,
  };
}
