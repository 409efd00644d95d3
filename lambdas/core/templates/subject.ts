import { sanitiseHeaderText } from '../header-safety';
import { tryParseTrackingNumber, type TrackingNumber } from '../tracking-number';

/** Longest customer subject we carry over (RFC 5322 §2.1.1 recommends lines under 78 characters; folding handles the rest). */
export const MAX_SUBJECT_LENGTH = 150;

// Reply and forward prefixes mail clients add, in the languages we serve and a few common others
// (Re, Fw, Fwd, AW/WG (de), RE/TR (fr), RV/RE (es), R/I (it), RES/ENC (pt), Odp, SV/VS, Antw, YNT (tr),
// 回复/回覆/答复/转发 (zh), 返信/転送 (ja), 답장/전달 (ko), Ответ/Отв/Пересл (ru)), optionally counted: "Re[2]:".
const PREFIX =
  /^\s*(?:re|fwd?|aw|wg|tr|rv|res|enc|rif|r|i|odp|sv|vs|antw|ynt|ilt|回复|回覆|答复|转发|転送|返信|답장|전달|ответ|отв|пересл)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*/iu;
// Bracketed tags that hold a valid tracking number: ours from earlier mail, stacked by replies.
const TAG = /\[\s*([0-9A-Za-z]{4}[-\s]?[0-9A-Za-z]{4}[-\s]?[0-9A-Za-z]{4})\s*\]/g;

/**
 * Cleans a customer's subject for reuse in our reply: header-safe (no CR/LF or control characters),
 * without reply/forward prefixes and without bracketed tracking tags, so subjects never grow into
 * "Re: [A] Re: [A] ..." and carry exactly one tracking number (the intake threads on it).
 */
export function cleanCustomerSubject(subject: string | undefined): string {
  let s = sanitiseHeaderText(subject ?? '', 4 * MAX_SUBJECT_LENGTH);
  s = s.replace(TAG, (whole, inner: string) => (tryParseTrackingNumber(inner) ? ' ' : whole));
  s = sanitiseHeaderText(s, 4 * MAX_SUBJECT_LENGTH);
  for (let prev = ''; prev !== s;) {
    prev = s;
    s = s.replace(PREFIX, '');
  }
  return sanitiseHeaderText(s, MAX_SUBJECT_LENGTH);
}

/**
 * The subject of everything we send about a case: `[<tracking>] <original subject>` (tracking
 * number in square brackets), falling back to a localised generic subject when the customer gave none.
 */
export function caseSubject(tracking: TrackingNumber, originalSubject: string | undefined, fallback: string): string {
  const cleaned = cleanCustomerSubject(originalSubject);
  return `[${tracking}] ${cleaned || sanitiseHeaderText(fallback, MAX_SUBJECT_LENGTH)}`;
}
