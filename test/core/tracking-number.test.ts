import fc from 'fast-check';
import {
  TRACKING_ALPHABET,
  findTrackingNumbers,
  generateTrackingNumber,
  parseTrackingNumber,
  tryParseTrackingNumber,
} from '../../lambdas/core/tracking-number';
import { ValidationError } from '../../lambdas/core/errors';

const compact = (t: string) => t.replace(/-/g, '');
const withCompact = (s: string) => `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;

describe('tracking numbers', () => {
  it('have the XXXX-XXXX-XXXX shape over an alphabet without ambiguous characters', () => {
    for (let i = 0; i < 1000; i++) {
      const t = generateTrackingNumber();
      expect(t).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(t).not.toMatch(/[ILOUV]/);
    }
    expect(TRACKING_ALPHABET).toHaveLength(31);
  });

  it('round-trip through the parser', () => {
    for (let i = 0; i < 1000; i++) {
      const t = generateTrackingNumber();
      expect(parseTrackingNumber(t)).toBe(t);
    }
  });

  it('catch every single substitution and every adjacent swap on a large sample', () => {
    let checked = 0;
    for (let n = 0; n < 300; n++) {
      const c = compact(generateTrackingNumber());
      for (let pos = 0; pos < c.length; pos++) {
        for (const sym of TRACKING_ALPHABET) {
          if (sym === c[pos]) continue;
          const typo = c.slice(0, pos) + sym + c.slice(pos + 1);
          expect(tryParseTrackingNumber(typo)).toBeUndefined();
          checked++;
        }
        if (pos < c.length - 1 && c[pos] !== c[pos + 1]) {
          const swapped = c.slice(0, pos) + c[pos + 1] + c[pos] + c.slice(pos + 2);
          expect(tryParseTrackingNumber(swapped)).toBeUndefined();
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100_000);
  });

  it('produce no collision among 10^6 generated numbers', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1_000_000; i++) seen.add(generateTrackingNumber());
    expect(seen.size).toBe(1_000_000);
  });

  it('use the injected random source (unpredictable in production, deterministic in tests)', () => {
    expect(generateTrackingNumber(() => 0)).toBe(withCompact('000000000000'));
    const t = generateTrackingNumber(() => 30);
    expect(t.startsWith('ZZZZ-ZZZZ-ZZZ')).toBe(true);
    expect(parseTrackingNumber(t)).toBe(t);
  });

  it('normalise what a person types: case, spaces, dashes, O for 0, I and L for 1', () => {
    const t = generateTrackingNumber(() => 1); // all "1" data symbols
    const typed = ` ${compact(t).toLowerCase().replace(/1/g, 'l').slice(0, 6)} ${compact(t).toLowerCase().slice(6)} `;
    expect(parseTrackingNumber(typed)).toBe(t);
    const zero = generateTrackingNumber(() => 0);
    expect(parseTrackingNumber(compact(zero).replace(/0/g, 'o'))).toBe(zero);
  });

  it('reject a wrong check character with a message that says so', () => {
    const c = compact(generateTrackingNumber());
    const last = c[c.length - 1]!;
    const other = TRACKING_ALPHABET[(TRACKING_ALPHABET.indexOf(last) + 1) % 31]!;
    expect(() => parseTrackingNumber(c.slice(0, -1) + other)).toThrow(/check character/);
    expect(() => parseTrackingNumber(c.slice(0, -1) + other)).toThrow(ValidationError);
  });

  it('reject wrong lengths and foreign characters clearly', () => {
    expect(() => parseTrackingNumber('ABC')).toThrow(/12 characters/);
    expect(() => parseTrackingNumber('ABCD-EFGH-JKV#')).toThrow(/cannot contain/);
  });

  it('are found in subjects only when their check character holds', () => {
    const t = generateTrackingNumber();
    expect(findTrackingNumbers(`Re: [${t}] Withdrawal stuck`)).toEqual([t]);
    expect(findTrackingNumbers(`Re: Withdrawal ${compact(t).toLowerCase()}`)).toEqual([t]);
    const bad = compact(t).slice(0, -1) + (t.endsWith('0') ? '1' : '0');
    expect(findTrackingNumbers(`[${bad}]`)).toEqual([]);
  });

  it('accept any valid number and reject any single substitution (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 11, maxLength: 11 }),
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 1, max: 30 }),
        (digits, pos, shift) => {
          let i = 0;
          const t = generateTrackingNumber(() => digits[i++]!);
          const c = compact(t);
          const sym = TRACKING_ALPHABET[(TRACKING_ALPHABET.indexOf(c[pos]!) + shift) % 31]!;
          return (
            tryParseTrackingNumber(t) === t &&
            tryParseTrackingNumber(c.slice(0, pos) + sym + c.slice(pos + 1)) === undefined
          );
        },
      ),
    );
  });
});
