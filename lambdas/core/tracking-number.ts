import { randomInt } from 'node:crypto';
import { ValidationError } from './errors';

/**
 * Tracking numbers: `K7QM-4TZX-P9HC` style, 11 random symbols plus one check symbol.
 *
 * - Alphabet: Crockford base32 without `V` (31 symbols, a prime): no I, L, O, U, and no V/B
 *   confusion when read over the phone.
 * - Check symbol: weights 1..12 over the 12 positions, sum ≡ 0 (mod 31). Because 31 is prime and every
 *   weight is between 1 and 30, any single substitution changes the sum by (a-b)·w ≢ 0, and any adjacent
 *   swap changes it by ±(a-b) ≢ 0: both are always caught.
 * - Unpredictable: `crypto.randomInt` (CSPRNG), 31^11 ≈ 2.5·10^16 values (≈54 bits), so guessing a
 *   customer's number is impractical, and collisions are rare enough that a conditional write settles them.
 */
export const TRACKING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTWXYZ';
const MODULUS = TRACKING_ALPHABET.length; // 31, prime
export const TRACKING_DATA_LENGTH = 11;
const TOTAL_LENGTH = TRACKING_DATA_LENGTH + 1;

/** A normalised, check-verified tracking number such as `K7QM-4TZX-P9HC`. */
export type TrackingNumber = string & { readonly __brand: 'TrackingNumber' };

/** Random source; injected so tests can be deterministic. Returns an integer in [0, max). */
export type RandomInt = (max: number) => number;

const valueOf = (symbol: string): number => TRACKING_ALPHABET.indexOf(symbol);

function checkSymbolFor(data: string): string {
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += (i + 1) * valueOf(data[i]!);
  // Find c with sum + 12·c ≡ 0 (mod 31); 12 is invertible mod 31.
  const weight = data.length + 1;
  for (let c = 0; c < MODULUS; c++) {
    if ((sum + weight * c) % MODULUS === 0) return TRACKING_ALPHABET[c]!;
  }
  throw new Error('unreachable: modulus is prime');
}

function format(compact: string): TrackingNumber {
  return `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}` as TrackingNumber;
}

/** Generates a new random tracking number (uniqueness is enforced by the repository's conditional write). */
export function generateTrackingNumber(random: RandomInt = randomInt): TrackingNumber {
  let data = '';
  for (let i = 0; i < TRACKING_DATA_LENGTH; i++) data += TRACKING_ALPHABET[random(MODULUS)];
  return format(data + checkSymbolFor(data));
}

/** True when the 12 compact symbols carry a valid check symbol. */
function checksumHolds(compact: string): boolean {
  let sum = 0;
  for (let i = 0; i < compact.length; i++) {
    const v = valueOf(compact[i]!);
    if (v < 0) return false;
    sum += (i + 1) * v;
  }
  return sum % MODULUS === 0;
}

/**
 * Normalises what a person types (any case, spaces, dashes, dots, O for 0, I/L for 1) and verifies the check symbol. Throws a `ValidationError` that says what is wrong.
 */
export function parseTrackingNumber(input: string): TrackingNumber {
  const compact = input
    .toUpperCase()
    .replace(/[\s\-_.–—]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (compact.length !== TOTAL_LENGTH) {
    throw new ValidationError(`a tracking number has ${TOTAL_LENGTH} characters, this one has ${compact.length}`);
  }
  const bad = [...compact].find((ch) => valueOf(ch) < 0);
  if (bad !== undefined) throw new ValidationError(`a tracking number cannot contain "${bad}"`);
  if (!checksumHolds(compact)) {
    throw new ValidationError('the tracking number has a wrong check character: please check it for a typo');
  }
  return format(compact);
}

/** Like `parseTrackingNumber`, but returns undefined instead of throwing. */
export function tryParseTrackingNumber(input: string): TrackingNumber | undefined {
  try {
    return parseTrackingNumber(input);
  } catch {
    return undefined;
  }
}

/** The compact form (no dashes), used in plus-addresses. */
export function compactTrackingNumber(t: TrackingNumber): string {
  return t.replace(/-/g, '');
}

/**
 * Finds valid tracking numbers in free text such as a subject line. Only candidates whose check symbol
 * holds are returned, so random words rarely match (1 in 31).
 */
export function findTrackingNumbers(text: string): TrackingNumber[] {
  const found = new Set<TrackingNumber>();
  const re = /\b([0-9A-Z]{4})[-\s]?([0-9A-Z]{4})[-\s]?([0-9A-Z]{4})\b/gi;
  for (const m of text.matchAll(re)) {
    const t = tryParseTrackingNumber(`${m[1]}${m[2]}${m[3]}`);
    if (t) found.add(t);
  }
  return [...found];
}
