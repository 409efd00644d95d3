import type { SenderAuthentication } from './intake/sender-authentication';

/** One entry of a case's thread (CASE#<tracking> / MSG#<time>#<id>). */
export interface AttachmentMeta {
  readonly filename?: string;
  readonly contentType: string;
  readonly size: number;
  /**
   * Where the bytes are: the raw message in S3 holds every attachment; `blobKey` (under `attachments/`)
   * when the intake also stored this one on its own, for download.
   */
  readonly blobKey?: string;
  readonly checksum?: string;
}

/** A body kept in the mail bucket instead of on the item (core/message-body.ts). */
export interface StoredBody {
  readonly textKey: string;
  /** UTF-8 bytes of the whole text. */
  readonly textBytes: number;
  readonly htmlKey?: string;
  /** UTF-8 bytes of the whole (sanitised) HTML. */
  readonly htmlBytes?: number;
}

export interface CaseMessage {
  /** Unique per case; for inbound mail the SES message id, for outbound the purpose key. */
  readonly id: string;
  readonly at: string;
  /** in: from the customer; out: sent by us; note: internal, never sent. */
  readonly direction: 'in' | 'out' | 'note';
  readonly from: string;
  /** To and Cc, together at most `MAX_RECIPIENTS` (core/message-body.ts). */
  readonly to: readonly string[];
  readonly cc?: readonly string[];
  /** How many To and Cc recipients the mail named, set when `to` and `cc` keep only the first of them. */
  readonly recipientCount?: number;
  readonly subject: string;
  /** The text, or its opening when `body` says the whole is stored in S3. */
  readonly text: string;
  /** Sanitised HTML only; the original is in the raw message. Absent on the item when `body` holds it. */
  readonly html?: string;
  /** Set when text and HTML are too large for the item: where they are stored (`text` is then a preview). */
  readonly body?: StoredBody;
  readonly messageId?: string;
  readonly inReplyTo?: string;
  /** S3 key of the raw MIME (inbound as received, outbound exactly as sent). */
  readonly rawKey?: string;
  readonly attachments?: readonly AttachmentMeta[];
  /** What produced it: an agent id, "system", or the customer. */
  readonly author: string;
  /** For outbound: acknowledgement, reply, status_update, resolution, notice, ... */
  readonly purpose?: string;
  readonly classification?: string;
  /**
   * Inbound: SES's virus verdict from the receiver's own header block (`PASS`, `GRAY`, ...); absent when
   * it wrote none. Attachments download only from a message whose verdict is `PASS`.
   */
  readonly virusVerdict?: string;
  /** Inbound: the receiver's SPF/DKIM/DMARC verdicts on this message and the sender's trust level. */
  readonly authentication?: SenderAuthentication;
  /** The stored text or HTML was cut (parser or sanitiser limits, or older items cut to fit); the raw message has it all. */
  readonly truncated?: boolean;
}

/**
 * Cuts a string to at most `maxBytes` of UTF-8 without splitting a character. DynamoDB items are capped
 * at 400 KB; the raw message in S3 keeps the full text.
 */
export function boundUtf8(s: string, maxBytes: number): { text: string; truncated: boolean } {
  if (Buffer.byteLength(s, 'utf8') <= maxBytes) return { text: s, truncated: false };
  let cut = Buffer.from(s, 'utf8').subarray(0, maxBytes).toString('utf8');
  if (cut.endsWith('\uFFFD')) cut = cut.slice(0, -1);
  return { text: cut, truncated: true };
}
