import { DocketError } from '../errors';

/**
 * The message as the domain sees it. Adapters (mailparser today, perhaps postal-mime tomorrow) map their
 * own types onto this, so no parser type leaks into classification, threading or persistence.
 */

/** One mailbox: `address` lower-cased and trimmed (comparisons are case-insensitive in practice). */
export interface MailAddress {
  readonly address: string;
  readonly name?: string;
}

/** Metadata of one attachment; the bytes stay in the raw message (S3), which is the record. */
export interface ParsedAttachment {
  readonly filename?: string;
  readonly contentType: string;
  /** Decoded size in bytes. */
  readonly size: number;
  /** Hex SHA-256 of the decoded content. */
  readonly checksum?: string;
  /** Content-ID without angle brackets, to match `cid:` URLs in the HTML. */
  readonly contentId?: string;
  /** True for an embedded part of multipart/related (an inline image), not a file the customer attached. */
  readonly related: boolean;
  readonly disposition?: string;
}

/**
 * Something the parser noticed but survived: agents see it, the message is still processed.
 * (An input that cannot be processed at all throws `MailParseError` instead.)
 */
export const PARSE_PROBLEMS = [
  'no_from',
  'bad_from',
  'bad_date',
  'no_message_id',
  'html_truncated',
  'text_truncated',
  'attachments_truncated',
  'headers_truncated',
  'references_truncated',
  'subject_truncated',
  'html_to_text_failed',
  'parser_warning',
] as const;
export type ParseProblem = (typeof PARSE_PROBLEMS)[number];

/** What SES (or the local SMTP front end) knows about the delivery; every field optional. */
export interface MailEnvelope {
  /** SMTP MAIL FROM (from `Return-Path`); the empty string is the null sender `<>` of a DSN (RFC 5321 §4.5.5). */
  readonly mailFrom?: string;
  readonly recipients?: readonly string[];
  readonly sesMessageId?: string;
}

/** Header fields by lower-cased name; each value unfolded, untrimmed of meaning, RFC 2047 words not decoded. */
export type HeaderMultimap = Readonly<Record<string, readonly string[]>>;

export interface ParsedMail {
  /** Message-ID without angle brackets. */
  readonly messageId?: string;
  /** In-Reply-To without angle brackets (the first id when a client put several). */
  readonly inReplyTo?: string;
  /** References, oldest first, without angle brackets (bounded: the newest are kept). */
  readonly references: readonly string[];
  readonly from?: MailAddress;
  readonly sender?: MailAddress;
  readonly replyTo: readonly MailAddress[];
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  /** How many addresses To and Cc named together, set when `to` or `cc` keeps only the first of them. */
  readonly recipientCount?: number;
  /** Decoded subject ('' when absent). */
  readonly subject: string;
  /** ISO-8601 instant of the Date header, when it parsed. */
  readonly date?: string;
  /** Plain text body (converted from HTML when there is no text part), bounded. */
  readonly text: string;
  /** Raw HTML as sent: UNSAFE, only ever fed to `sanitiseHtml`. Bounded. */
  readonly html?: string;
  readonly headers: HeaderMultimap;
  /**
   * Lower-cased header names in the order they appear (bounded like `headers`): the k-th `x` here is
   * `headers.x[k]`. Tells the receiver's prepended block from the sender's own headers.
   */
  readonly headerOrder?: readonly string[];
  /** Top-level content type, lower-cased, without parameters (`multipart/report`). */
  readonly contentType: string;
  /** `report-type` parameter of a top-level multipart/report (`delivery-status`, `feedback-report`, ...). */
  readonly reportType?: string;
  /** Distinct content types of every MIME part seen (lower-cased, bounded), e.g. `message/delivery-status`. */
  readonly partTypes: readonly string[];
  readonly attachments: readonly ParsedAttachment[];
  readonly envelope?: MailEnvelope;
  /** Size of the raw message in bytes. */
  readonly size: number;
  readonly problems: readonly ParseProblem[];
}

/** Why a message could not be parsed; the handler quarantines it with this reason. */
export const MAIL_PARSE_REASONS = [
  'empty',
  'too_large',
  'header_too_large',
  'too_deep',
  'too_many_parts',
  'unparseable',
] as const;
export type MailParseReason = (typeof MAIL_PARSE_REASONS)[number];

/** Input that cannot be parsed, or that exceeds a limit set to protect the intake. Quarantine, never retry. */
export class MailParseError extends DocketError {
  constructor(
    readonly reason: MailParseReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Port: turns raw RFC 5322 bytes into a `ParsedMail`, or throws `MailParseError`. */
export interface MimeParser {
  parse(raw: Buffer, envelope?: MailEnvelope): Promise<ParsedMail>;
  /**
   * The largest raw message `parse` accepts (it refuses larger ones as `too_large`), so a caller can refuse
   * one before reading it. @default - no limit known: the caller reads the message and `parse` decides
   */
  readonly maxRawBytes?: number;
}

/** First value of a header (lower-case name), or undefined. */
export function headerValue(mail: Pick<ParsedMail, 'headers'>, name: string): string | undefined {
  return mail.headers[name]?.[0];
}

/** Every value of a header (lower-case name). */
export function headerValues(mail: Pick<ParsedMail, 'headers'>, name: string): readonly string[] {
  return mail.headers[name] ?? [];
}
