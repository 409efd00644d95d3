/**
 * Counts many literal keywords in one pass over a text. It counts what a global regex per keyword would
 * (`text.match(re).length`, matches never overlapping), without building one regex per keyword or a large
 * alternation: at each position only the keywords starting with the two code units found there are tried.
 */

/** Where a keyword may match: anywhere (CJK), at the start of a word (a stem), or as a whole word. */
export type KeywordMode = 'anywhere' | 'word_start' | 'whole_word';

export interface KeywordRule {
  /** Already case-folded, as the text it is looked for in. */
  readonly literal: string;
  readonly mode: KeywordMode;
}

interface IndexedRule {
  readonly id: number;
  readonly literal: string;
  readonly whole: boolean;
}

/** Flags per first code unit: whether some rule of each kind starts with it, so most positions cost one load. */
const ANYWHERE = 1;
const WORD = 2;
const SINGLE = 4;
const UNITS = 0x10000;

/** `\p{L}` / `\p{N}` of ASCII (A-Z, a-z, 0-9): most text around a keyword is ASCII after folding. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) ? 1 : 0;
/** `\p{L}` / `\p{N}` of a BMP code unit, filled on first use: 0 unknown, 1 letter or digit, 2 neither. */
const BMP_WORD = new Uint8Array(UNITS);
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const LONE_SURROGATE = /\p{Cs}/u;

function isWordCodePoint(cp: number): boolean {
  if (cp < 128) return ASCII_WORD[cp] === 1;
  if (cp < UNITS) {
    let known = BMP_WORD[cp]!;
    if (known === 0) {
      known = WORD_CHAR.test(String.fromCharCode(cp)) ? 1 : 2;
      BMP_WORD[cp] = known;
    }
    return known === 1;
  }
  return WORD_CHAR.test(String.fromCodePoint(cp));
}

const isHigh = (u: number): boolean => u >= 0xd800 && u <= 0xdbff;
const isLow = (u: number): boolean => u >= 0xdc00 && u <= 0xdfff;

/** The code point ending just before `i` is no letter or digit: `(?<![\p{L}\p{N}])` in a `u` regex. */
function startsWord(text: string, i: number): boolean {
  if (i === 0) return true;
  const u = text.charCodeAt(i - 1);
  if (u < 128) return ASCII_WORD[u] === 0;
  if (isLow(u) && i >= 2) {
    const h = text.charCodeAt(i - 2);
    if (isHigh(h)) return !isWordCodePoint((h - 0xd800) * 0x400 + (u - 0xdc00) + UNITS);
  }
  return !isWordCodePoint(u);
}

/** The code point starting at `i` is no letter or digit (or the text ends): `(?![\p{L}\p{N}])`. */
function endsWord(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const u = text.charCodeAt(i);
  if (u < 128) return ASCII_WORD[u] === 0;
  if (isHigh(u) && i + 1 < text.length) {
    const l = text.charCodeAt(i + 1);
    if (isLow(l)) return !isWordCodePoint((u - 0xd800) * 0x400 + (l - 0xdc00) + UNITS);
  }
  return !isWordCodePoint(u);
}

/** Buckets of the pair index: a few times the rules, so most buckets hold one pair's rules or none. */
const PAIR_BITS = 12;
const PAIR_MASK = (1 << PAIR_BITS) - 1;
/** Bucket of the first two code units; rules of different pairs may share one, `startsWith` tells them apart. */
const pairSlot = (c0: number, c1: number): number => ((c0 << 5) ^ c1) & PAIR_MASK;

type Buckets = (IndexedRule[] | undefined)[];

function put(buckets: Buckets, slot: number, rule: IndexedRule): void {
  (buckets[slot] ??= []).push(rule);
}

export class KeywordScanner {
  readonly size: number;
  private readonly first = new Uint8Array(UNITS);
  /** Rules of two or more code units, by their first two, anywhere and word rules apart. */
  private readonly anywhere: Buckets = new Array<undefined>(PAIR_MASK + 1);
  private readonly word: Buckets = new Array<undefined>(PAIR_MASK + 1);
  /** Rules of one code unit, by it. */
  private readonly singleAnywhere = new Map<number, IndexedRule[]>();
  private readonly singleWord = new Map<number, IndexedRule[]>();
  /** Per rule, where its last counted match ended (matches of one keyword never overlap). */
  private readonly lastEnd: Int32Array;

  constructor(rules: readonly KeywordRule[]) {
    this.size = rules.length;
    this.lastEnd = new Int32Array(rules.length);
    rules.forEach(({ literal, mode }, id) => {
      // An empty keyword would match between every two characters: a table error, not a rule.
      if (literal === '') throw new Error(`keyword ${id} is empty after case folding`);
      // Matches are tried at code point boundaries only, as a `u` regex does: right for well-formed literals.
      if (LONE_SURROGATE.test(literal)) throw new Error(`keyword ${id} holds a lone surrogate`);
      const c0 = literal.charCodeAt(0);
      const anywhere = mode === 'anywhere';
      const rule: IndexedRule = { id, literal, whole: mode === 'whole_word' };
      if (literal.length === 1) {
        const index = anywhere ? this.singleAnywhere : this.singleWord;
        const bucket = index.get(c0);
        if (bucket) bucket.push(rule);
        else index.set(c0, [rule]);
        this.first[c0] = this.first[c0]! | SINGLE;
      } else {
        put(anywhere ? this.anywhere : this.word, pairSlot(c0, literal.charCodeAt(1)), rule);
      }
      this.first[c0] = this.first[c0]! | (anywhere ? ANYWHERE : WORD);
    });
  }

  /**
   * Adds to `counts[id]` how many times rule `id` matches in `text`, counting as `text.match(re)?.length` with
   * a global `u` regex would: leftmost first, and a match starting before the end of the previous one of the
   * same rule is skipped.
   */
  count(text: string, counts: Int32Array): void {
    this.lastEnd.fill(0);
    const first = this.first;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c0 = text.charCodeAt(i);
      const flags = first[c0]!;
      if (flags === 0) continue;
      // Past the end, a pair slot of 0x10000 still finds only rules that `startsWith` then refuses.
      const slot = pairSlot(c0, i + 1 < n ? text.charCodeAt(i + 1) : UNITS);
      if (flags & ANYWHERE) {
        this.tryBucket(this.anywhere[slot], text, i, counts);
        if (flags & SINGLE) this.tryBucket(this.singleAnywhere.get(c0), text, i, counts);
      }
      if (flags & WORD && startsWord(text, i)) {
        this.tryBucket(this.word[slot], text, i, counts);
        if (flags & SINGLE) this.tryBucket(this.singleWord.get(c0), text, i, counts);
      }
    }
  }

  private tryBucket(bucket: readonly IndexedRule[] | undefined, text: string, i: number, counts: Int32Array): void {
    if (bucket === undefined) return;
    const lastEnd = this.lastEnd;
    for (let k = 0; k < bucket.length; k++) {
      const r = bucket[k]!;
      if (i < lastEnd[r.id]! || !text.startsWith(r.literal, i)) continue;
      const end = i + r.literal.length;
      if (r.whole && !endsWord(text, end)) continue;
      counts[r.id]!++;
      lastEnd[r.id] = end;
    }
  }
}
