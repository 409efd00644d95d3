/**
 * What the mailer asks a MIME composer to build: the exact outbound message handed to the sender and
 * kept under `sent/` as the record of what was sent. The composer refuses header injection (see
 * adapters/mime/compose.ts); callers sanitise customer text first.
 */

/** RFC 3834 §5: how automatic a message is (see adapters/mime/compose.ts for the policy). */
export type AutoSubmitted = 'auto-replied' | 'auto-generated' | 'no';

export interface MailAddress {
  readonly name?: string;
  readonly address: string;
}

export type AddressInput = string | MailAddress;

export interface OutboundAttachment {
  readonly filename: string;
  readonly content: Buffer | string;
  readonly contentType: string;
}

export interface ComposeInput {
  readonly from: AddressInput;
  readonly to: AddressInput | readonly AddressInput[];
  readonly replyTo?: AddressInput;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** The customer's Message-ID we answer, with or without angle brackets. */
  readonly inReplyTo?: string;
  /** The thread's Message-IDs, oldest first, with or without angle brackets. */
  readonly references?: readonly string[];
  readonly autoSubmitted: AutoSubmitted;
  /** Our Message-ID, with or without angle brackets (SES may replace it; see docs/architecture.md, "Facts about SES"). */
  readonly messageId: string;
  /** ISO 639-1 code of the body's language, sent as Content-Language (RFC 3282). */
  readonly language?: string;
  /** The Date header; defaults to now (pass the injected clock's time for reproducible output). */
  readonly date?: Date;
  /** Extra headers; standard ones (From, To, Subject, Message-ID, ...) cannot be set or overridden here. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly attachments?: readonly OutboundAttachment[];
}

/** Builds the bytes of one outbound message (CRLF line endings). Throws `ValidationError` on injection. */
export interface MimeComposer {
  compose(input: ComposeInput): Promise<Buffer>;
}
