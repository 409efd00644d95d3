import { detectAll } from 'tinyld';
import { stripQuoted } from './quoted-text';

/**
 * Characters of body text looked at: the opening of a message says enough, and bounds the work. 500 would
 * save about 7% of the detector's time but read a Turkish reply in the test corpus as English.
 */
const MAX_SAMPLE_CHARS = 800;
/** Below this many letters (CJK count double) a guess is noise ("ok thanks", a lone tracking number). */
const MIN_LETTERS = 12;
/** Characters of the subject looked at (the parser keeps about 1 KB; this keeps the regexes below cheap). */
const MAX_SUBJECT_CHARS = 1_000;
/** The language assumed when the text says nothing reliable (the firm's default language). */
export const FALLBACK_LANGUAGE = 'en';
/** tinyld's accuracy below which we prefer the default language. */
const MIN_ACCURACY = 0.5;

const CJK = /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u;
const LETTER = /\p{L}/u;

function letterWeight(sample: string): number {
  let n = 0;
  for (const ch of sample) {
    const code = ch.charCodeAt(0);
    // ASCII without a regex: most mail's opening is ASCII, and this runs on every new case.
    if (code < 0x80) n += (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a ? 1 : 0;
    else if (CJK.test(ch)) n += 2;
    else if (LETTER.test(ch)) n += 1;
    if (n >= MIN_LETTERS) break;
  }
  return n;
}

/**
 * The customer's language as an ISO 639-1 code, from the subject and the new (unquoted) part of the body.
 * Returns `fallback` ('en' by default: the firm's default language) when the text is short or the guess
 * uncertain, so an acknowledgement is never written in a language picked from noise.
 */
export function detectLanguage(text: string, subject: string, fallback = FALLBACK_LANGUAGE): string {
  const body = stripQuoted(text.slice(0, MAX_SAMPLE_CHARS * 4)).slice(0, MAX_SAMPLE_CHARS);
  // Reply/forward prefixes and bracketed tracking numbers say nothing about the language.
  // Every quantifier is bounded, so no input makes these scans quadratic.
  const cleanSubject = subject
    .slice(0, MAX_SUBJECT_CHARS)
    .replace(/^(?:[ \t]{0,8}(?:re|fw|fwd|aw|wg|sv|tr|r|i|rv|enc)[ \t]{0,8}:){1,16}/i, '')
    .replace(/\[[^\]]{0,64}\]/g, '');
  const sample = `${cleanSubject}\n${body}`.replace(/https?:\/\/\S{1,2048}|[^\s@]{1,64}@\S{1,255}/g, ' ').trim();
  if (letterWeight(sample) < MIN_LETTERS) return fallback;
  const best = detectAll(sample)[0];
  if (!best || !best.lang || best.accuracy < MIN_ACCURACY) return fallback;
  return best.lang;
}
