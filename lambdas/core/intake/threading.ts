import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Case } from '../case';
import {
  compactTrackingNumber,
  findTrackingNumbers,
  tryParseTrackingNumber,
  type TrackingNumber,
} from '../tracking-number';
import type { ParsedMail } from './parsed-mail';

/**
 * docs/architecture.md, "Threading". A message joins an existing case only when its sender is that case's customer or
 * a known participant; everything else opens a new case. The signed plus-address (support+<number>.<sig>@)
 * proves that the number came from us and was not mistyped or guessed, but it does not prove who is writing:
 * the sender check still applies (peers leaked customer A's ticket to customer B who quoted A's number).
 */

/** Signature length in base32 symbols: 16 × 5 = 80 bits, far beyond guessing by mail. */
const SIGNATURE_CHARS = 16;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
/** Domain separation: this key signs other things too (feedback links). */
const CONTEXT = 'docket:reply-address:v1:';

function base32(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

function signature(compact: string, secret: string | Buffer): string {
  return base32(
    createHmac('sha256', secret)
      .update(CONTEXT + compact)
      .digest(),
  ).slice(0, SIGNATURE_CHARS);
}

/** The plus-address token for a case: `<compact number>.<signature>`, lower-case (mail systems fold case). */
export function replyToken(tracking: TrackingNumber, secret: string | Buffer): string {
  const compact = compactTrackingNumber(tracking);
  return `${compact.toLowerCase()}.${signature(compact, secret)}`;
}

/** The tracking number a token names, when its signature holds; undefined otherwise. Case-insensitive. */
export function verifyReplyToken(token: string, secret: string | Buffer): TrackingNumber | undefined {
  const m = /^([0-9a-z]{12})\.([a-z2-7]+)$/i.exec(token.trim());
  if (!m) return undefined;
  const tracking = tryParseTrackingNumber(m[1]!);
  if (!tracking) return undefined;
  const expected = Buffer.from(signature(compactTrackingNumber(tracking), secret));
  const given = Buffer.from(m[2]!.toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected) ? tracking : undefined;
}

/** `support+<token>@domain` for the Reply-To of what we send about a case. */
export function replyAddressFor(tracking: TrackingNumber, supportAddress: string, secret: string | Buffer): string {
  const at = supportAddress.lastIndexOf('@');
  return `${supportAddress.slice(0, at)}+${replyToken(tracking, secret)}${supportAddress.slice(at)}`;
}

/**
 * The tracking number of a signed plus-address (`anything+<token>@domain`), or undefined. With `ownDomains`
 * the domain must be one of ours.
 */
export function trackingFromReplyAddress(
  address: string,
  secret: string | Buffer,
  ownDomains?: readonly string[],
): TrackingNumber | undefined {
  const at = address.lastIndexOf('@');
  if (at < 0) return undefined;
  const domain = address.slice(at + 1).toLowerCase();
  if (ownDomains && !ownDomains.some((d) => d.toLowerCase() === domain)) return undefined;
  const local = address.slice(0, at);
  const plus = local.indexOf('+');
  return plus < 0 ? undefined : verifyReplyToken(local.slice(plus + 1), secret);
}

/**
 * True when a Message-ID names one of our own domains. Only our mailer mints those; inbound mail carrying
 * one is never linked or claimed, so an outsider cannot pre-claim the id of a mail we are about to send.
 */
export function isOwnMessageId(messageId: string, ownDomains: readonly string[]): boolean {
  const domain = messageId.slice(messageId.lastIndexOf('@') + 1).toLowerCase();
  return ownDomains.some((d) => {
    const own = d.toLowerCase();
    return domain === own || domain.endsWith(`.${own}`);
  });
}

/** Where a candidate case came from, in order of trust. */
export type ThreadLookup =
  | { readonly via: 'message_id'; readonly messageId: string }
  | { readonly via: 'reply_address'; readonly tracking: TrackingNumber }
  | { readonly via: 'subject'; readonly tracking: TrackingNumber };

/** Most lookups per message: a References chain or a subject can name many; each costs a read. */
export const MAX_THREAD_LOOKUPS = 12;

/**
 * The lookups to try, in order: In-Reply-To, then References newest first (our own Message-IDs as linked
 * at send time), then signed plus-addresses among the recipients, then tracking numbers in the subject.
 * Deduplicated and bounded by `MAX_THREAD_LOOKUPS`.
 */
export function threadLookups(
  mail: Pick<ParsedMail, 'inReplyTo' | 'references' | 'to' | 'cc' | 'subject' | 'envelope'>,
  secret: string | Buffer,
  ownDomains?: readonly string[],
): ThreadLookup[] {
  const out: ThreadLookup[] = [];
  const seenIds = new Set<string>();
  const seenTracking = new Set<string>();
  for (const id of [mail.inReplyTo, ...[...mail.references].reverse()]) {
    if (id && !seenIds.has(id)) {
      seenIds.add(id);
      out.push({ via: 'message_id', messageId: id });
    }
  }
  const recipients = [...mail.to, ...mail.cc].map((a) => a.address).concat(mail.envelope?.recipients ?? []);
  for (const address of recipients) {
    const tracking = trackingFromReplyAddress(address, secret, ownDomains);
    if (tracking && !seenTracking.has(tracking)) {
      seenTracking.add(tracking);
      out.push({ via: 'reply_address', tracking });
    }
  }
  for (const tracking of findTrackingNumbers(mail.subject.slice(0, 1000))) {
    if (!seenTracking.has(tracking)) {
      seenTracking.add(tracking);
      out.push({ via: 'subject', tracking });
    }
  }
  return out.slice(0, MAX_THREAD_LOOKUPS);
}

export type JoinDecision =
  | { readonly join: true; readonly tracking: TrackingNumber }
  | { readonly join: false; readonly reason: 'sender_not_participant' | 'no_sender' };

/**
 * Whether a message from `sender` may join `candidate`: only the case's customer or a listed participant
 * (compared lower-cased). The case's status (closed, outside the reopen window) is the caller's concern.
 */
export function decideJoin(
  sender: string | undefined,
  candidate: Pick<Case, 'tracking' | 'customer' | 'participants'>,
): JoinDecision {
  if (!sender) return { join: false, reason: 'no_sender' };
  const s = sender.trim().toLowerCase();
  const allowed =
    s === candidate.customer.address.toLowerCase() || candidate.participants.some((p) => p.toLowerCase() === s);
  return allowed ? { join: true, tracking: candidate.tracking } : { join: false, reason: 'sender_not_participant' };
}
