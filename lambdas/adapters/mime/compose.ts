import MailComposer from 'nodemailer/lib/mail-composer';
import { ValidationError } from '../../core/errors';
import { assertSafeAddress, hasLineBreakOrControl } from '../../core/header-safety';
import type { AddressInput, ComposeInput, MimeComposer } from '../../core/outbound-mime';

export type {
  AddressInput,
  AutoSubmitted,
  ComposeInput,
  MailAddress,
  OutboundAttachment,
} from '../../core/outbound-mime';

/**
 * Builds the exact outbound MIME we hand to SES `SendRawEmail` (and keep in S3 as the record of what was
 * sent), with nodemailer's MailComposer: UTF-8 bodies, RFC 2047 encoded-words for non-ASCII subjects and
 * display names, threading headers, and the loop-prevention headers.
 *
 * Header injection is refused, not repaired: a CR, LF or other control character in any value that becomes
 * a header (addresses, names, subject, ids, extra headers, attachment names) throws `ValidationError`.
 * Callers sanitise customer text first (`sanitiseHeaderText`); reaching here with a line break is a bug
 * or an attack, and must not be papered over.
 *
 * Auto-Submitted policy (RFC 3834 §5):
 * - `auto-replied` (acknowledgements, "we received your update") and `auto-generated` (status updates,
 *   notices, auto-close) set `Auto-Submitted` and `X-Auto-Response-Suppress: All`, so well-behaved
 *   autoresponders and Exchange out-of-office replies do not answer them (RFC 3834 §2: never auto-reply
 *   to auto-submitted mail), which stops mail loops at the recipient's end.
 * - `no` (an agent's reply, written by a person) sets neither header. Human mail must not look automatic:
 *   the customer's mail system and their own filters may file or drop it as automated, and peers have
 *   suspended real complaints for exactly that. An out-of-office reply to a human answer is useful to the
 *   agent and cannot loop: our intake keeps it without acknowledging it (it carries Auto-Submitted itself),
 *   and the per-sender acknowledgement limit stops anything that slips through.
 */

/** Largest number of References we emit: a long thread keeps the first and the most recent ids. */
export const MAX_REFERENCES = 20;

// Headers that this function owns; letting `headers` set them would reopen the injection and spoofing
// holes the typed fields close.
const RESERVED = new Set([
  'from',
  'sender',
  'to',
  'cc',
  'bcc',
  'reply-to',
  'subject',
  'message-id',
  'in-reply-to',
  'references',
  'date',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'content-language',
  'auto-submitted',
  'x-auto-response-suppress',
  'return-path',
]);
// RFC 5322 §3.6.8: a field name is printable US-ASCII except colon.
const FIELD_NAME = /^[!-9;-~]{1,76}$/;
// A msg-id (RFC 5322 §3.6.4) in its common dot-atom form: id-left "@" id-right, no spaces or brackets.
const MSG_ID = /^[^\s<>@"(),;:\\[\]]{1,200}@[^\s<>@"(),;:\\[\]]{1,200}$/;
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

function refuseControl(value: string, field: string): string {
  if (hasLineBreakOrControl(value))
    throw new ValidationError(`${field} must not contain line breaks or control characters`);
  return value;
}

function address(input: AddressInput, field: string): { name: string; address: string } | string {
  if (typeof input === 'string') return assertSafeAddress(input, field);
  const addr = assertSafeAddress(input.address, field);
  if (input.name === undefined || input.name === '') return addr;
  // A display name may hold any text (MailComposer quotes or encodes it), but never a line break.
  return { name: refuseControl(input.name, `${field} name`).slice(0, 200), address: addr };
}

/** Normalises a Message-ID to `<id-left@id-right>`, refusing anything that is not one id. */
export function normaliseMessageId(id: string, field = 'message id'): string {
  refuseControl(id, field);
  const bare = id.trim().replace(/^<(.*)>$/, '$1');
  if (!MSG_ID.test(bare)) throw new ValidationError(`${field} is not a single Message-ID`);
  return `<${bare}>`;
}

function references(ids: readonly string[]): string[] {
  const all = [...new Set(ids.map((id) => normaliseMessageId(id, 'references')))];
  // RFC 5322 §3.6.4 lets a long References drop middle ids; keep the root and the newest.
  return all.length <= MAX_REFERENCES ? all : [all[0]!, ...all.slice(-(MAX_REFERENCES - 1))];
}

function extraHeaders(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!FIELD_NAME.test(name)) throw new ValidationError(`"${name.slice(0, 40)}" is not a valid header name`);
    if (RESERVED.has(name.toLowerCase()))
      throw new ValidationError(`header ${name} is set by the composer and cannot be overridden`);
    out[name] = refuseControl(value, `header ${name}`);
  }
  return out;
}

/**
 * Composes one outbound message and returns its bytes (CRLF line endings, as SES and SMTP expect).
 * Throws `ValidationError` on any header injection attempt or malformed address or id.
 *
 * @example
 * const raw = await composeMime({ from: 'support@exchange.example', to: 'ana@example.ro', subject: '[K7QM-4TZX-P9HC] Retragere',
 *   text, html, autoSubmitted: 'auto-replied', messageId: 'docket.k7qm@exchange.example', language: 'ro' });
 */
export async function composeMime(input: ComposeInput): Promise<Buffer> {
  const to = (Array.isArray(input.to) ? input.to : [input.to]) as readonly AddressInput[];
  if (to.length === 0) throw new ValidationError('to must name at least one recipient');
  const headers: Record<string, string> = extraHeaders(input.headers);
  if (input.language !== undefined) {
    if (!LANGUAGE_TAG.test(input.language))
      throw new ValidationError('language must be a language tag such as "ro" or "pt-BR"');
    headers['Content-Language'] = input.language;
  }
  if (input.autoSubmitted !== 'no') {
    headers['Auto-Submitted'] = input.autoSubmitted; // RFC 3834 §5
    headers['X-Auto-Response-Suppress'] = 'All'; // Exchange/Outlook: no OOF, no read or delivery receipts
  }
  for (const a of input.attachments ?? []) {
    refuseControl(a.filename, 'attachment filename');
    refuseControl(a.contentType, 'attachment content type');
  }
  const composer = new MailComposer({
    from: address(input.from, 'from'),
    to: to.map((t, i) => address(t, `to[${i}]`)),
    ...(input.replyTo !== undefined ? { replyTo: address(input.replyTo, 'replyTo') } : {}),
    subject: refuseControl(input.subject, 'subject'),
    messageId: normaliseMessageId(input.messageId),
    ...(input.inReplyTo !== undefined ? { inReplyTo: normaliseMessageId(input.inReplyTo, 'inReplyTo') } : {}),
    ...(input.references?.length ? { references: references(input.references) } : {}),
    date: input.date ?? new Date(),
    text: input.text,
    ...(input.html !== undefined ? { html: input.html } : {}),
    headers,
    attachments: (input.attachments ?? []).map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
    })),
    // Content comes only from the values given: never let a string be read as a file path or fetched URL.
    disableFileAccess: true,
    disableUrlAccess: true,
    newline: 'win',
  });
  return composer.compile().build();
}

/** The composer port over {@link composeMime}. */
export const nodemailerComposer: MimeComposer = { compose: composeMime };
