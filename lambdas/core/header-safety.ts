import { ValidationError } from './errors';

/**
 * Header safety: every value that reaches a mail header from customer or agent input passes through here.
 * A CR or LF in a header value ends the header and lets the sender inject new ones (Bcc, a second To,
 * a forged Content-Type): RFC 5322 §2.2 allows neither inside a field body except as folding, which
 * the MIME composer does itself.
 */

/** Longest address we accept (RFC 5321 §4.5.3.1.3: a path is at most 256 octets including brackets). */
export const MAX_ADDRESS_LENGTH = 254;

// C0 controls (CR, LF, TAB, NUL...), DEL, C1 controls, and the Unicode line/paragraph separators that
// some clients render as line breaks. Bidi overrides (U+202A-202E, U+2066-2069) can make a subject read
// differently from what it is, so they go too.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Makes free text safe for one header line: control characters (CR/LF included) become spaces, runs of
 * whitespace collapse to one space, the ends are trimmed, and the result is cut to `maxLen` characters
 * (whole code points, so no half surrogate pair is left behind).
 *
 * @example sanitiseHeaderText('Hi\r\nBcc: x@evil.example', 200) // 'Hi Bcc: x@evil.example'
 */
export function sanitiseHeaderText(s: string, maxLen: number): string {
  const flat = s.replace(CONTROL, ' ').replace(/\s+/gu, ' ').trim();
  const points = [...flat];
  if (points.length <= maxLen) return flat;
  return points.slice(0, Math.max(0, maxLen)).join('').trimEnd();
}

/** True when `s` holds a character that would break or fold a header line. */
export function hasLineBreakOrControl(s: string): boolean {
  return /[\u0000-\u001f\u007f\u2028\u2029]/.test(s);
}

// One addr-spec: a local part without spaces, quotes, brackets or list separators, an @, and a domain of
// dot-separated labels. Deliberately narrower than RFC 5322 (no quoted local parts, no comments, no
// address literals): we only need to answer ordinary mailboxes, and every exotic form is an injection vector.
const ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\u0080-\uffff-]{1,64}@(?:[A-Za-z0-9\u0080-\uffff](?:[A-Za-z0-9\u0080-\uffff-]{0,61}[A-Za-z0-9\u0080-\uffff])?\.)+[A-Za-z\u0080-\uffff][A-Za-z0-9\u0080-\uffff-]{0,62}$/u;

/**
 * True when `addr` is exactly one plain mailbox (`local@domain.tld`): no display name, no CR/LF or other
 * control characters, no comma or semicolon that would add recipients, no angle brackets, at most
 * {@link MAX_ADDRESS_LENGTH} characters, a domain with at least one dot.
 */
export function isSafeAddress(addr: string): boolean {
  if (addr.length === 0 || addr.length > MAX_ADDRESS_LENGTH) return false;
  if (hasLineBreakOrControl(addr) || /[\s,;<>()"\\[\]:]/.test(addr)) return false;
  if (addr.startsWith('.') || addr.includes('..') || addr.split('@')[0]?.endsWith('.')) return false;
  return ADDRESS.test(addr);
}

/**
 * Throws a `ValidationError` naming the field unless `addr` is one safe mailbox (see {@link isSafeAddress}).
 * Returns the address unchanged so it can be used inline.
 */
export function assertSafeAddress(addr: string, field = 'address'): string {
  if (!isSafeAddress(addr))
    throw new ValidationError(`${field} must be one plain email address without line breaks or separators`);
  return addr;
}
