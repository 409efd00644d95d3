import { detectAll } from 'tinyld';
import { stripQuoted } from './quoted-text';

/** Characters of body text looked at: the opening of a message says enough, and bounds the work. */
const MAX_SAMPLE_CHARS = 800;
/** Below this many letters (CJK count double) a guess is noise ("ok thanks", a lone tracking number). */
const MIN_LETTERS = 12;
/** tinyld's accuracy below which we prefer the default language. */
const MIN_ACCURACY = 0.5;

function letterWeight(sample: string): number {
  let n = 0;
  for (const ch of sample) {
    if (/\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u.test(ch)) n += 2;
    else if (/\p{L}/u.test(ch)) n += 1;
    if (n >= MIN_LETTERS) break;
  }
  return n;
}

/**
 * The customer's language as an ISO 639-1 code, from the subject and the new (unquoted) part of the body.
 * Returns `fallback` ('en' by default: the firm's default language) when the text is short or the guess
 * uncertain, so an acknowledgement is never written in a language picked from noise.
 */
export function detectLanguage(text: string, subject: string, fallback = 'en'): string {
  const body = stripQuoted(text.slice(0, MAX_SAMPLE_CHARS * 4)).slice(0, MAX_SAMPLE_CHARS);
  // Reply/forward prefixes and bracketed tracking numbers say nothing about the language.
  const cleanSubject = subject
    .replace(/^(?:\s*(?:re|fw|fwd|aw|wg|sv|tr|r|i|rv|enc)\s*:)+/i, '')
    .replace(/\[[^\]]*\]/g, '');
  const sample = `${cleanSubject}\n${body}`.replace(/https?:\/\/\S+|\S+@\S+/g, ' ').trim();
  if (letterWeight(sample) < MIN_LETTERS) return fallback;
  const best = detectAll(sample)[0];
  if (!best || !best.lang || best.accuracy < MIN_ACCURACY) return fallback;
  return best.lang;
}
