/** One entry of a case's thread (CASE#<tracking> / MSG#<time>#<id>). */
export interface AttachmentMeta {
  readonly filename?: string;
  readonly contentType: string;
  readonly size: number;
  /** Where the bytes are: the raw message in S3 holds every attachment; `blobKey` when stored separately. */
  readonly blobKey?: string;
  readonly checksum?: string;
}

export interface CaseMessage {
  /** Unique per case; for inbound mail the SES message id, for outbound the purpose key. */
  readonly id: string;
  readonly at: string;
  /** in: from the customer; out: sent by us; note: internal, never sent. */
  readonly direction: 'in' | 'out' | 'note';
  readonly from: string;
  readonly to: readonly string[];
  readonly cc?: readonly string[];
  readonly subject: string;
  readonly text: string;
  /** Sanitised HTML only; the original is in the raw message. */
  readonly html?: string;
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
}
