/**
 * Attachments kept apart from the raw message, so one file can be handed out without the whole mail:
 * `attachments/<tracking>/<message id>/<n>`, n the attachment's position in the parsed message.
 */

/** Key prefix of stored attachments (the catalogue grants on it). */
export const ATTACHMENT_KEY_PREFIX = 'attachments/';

/** Where attachment `n` of message `messageId` of case `tracking` is stored. */
export function attachmentKey(tracking: string, messageId: string, n: number): string {
  return `${ATTACHMENT_KEY_PREFIX}${tracking}/${encodeURIComponent(messageId)}/${n}`;
}

/** How long a download link works: long enough to start the download, too short to pass around. */
export const DOWNLOAD_LINK_SECONDS = 60;

/**
 * Port: the decoded bytes of each attachment of a raw message, in the order and within the limits in
 * which `MimeParser.parse` lists them (so `n` names the same attachment in both).
 */
export interface AttachmentReader {
  readAttachments(raw: Buffer, visit: (n: number, content: Buffer) => Promise<void>): Promise<void>;
}

export interface DownloadLinkOptions {
  readonly expiresInSeconds: number;
  /** The name the browser saves the file under. */
  readonly filename?: string;
}

/** Port: a short-lived link that downloads exactly one stored object and nothing else. */
export interface DownloadLinks {
  linkTo(key: string, options: DownloadLinkOptions): Promise<string>;
}

/** SES's virus verdict that allows a download; anything else (FAIL, GRAY, PROCESSING_FAILED, none) does not. */
export const CLEAN_VERDICT = 'PASS';
