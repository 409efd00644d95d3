import { readFileSync } from 'node:fs';
import { MailparserMimeParser } from '../../../lambdas/adapters/mime/parse';
import type { CaseType, Topic } from '../../../lambdas/core/case';
import { KeywordScanner, type KeywordRule } from '../../../lambdas/core/intake/keyword-scanner';
import { MailParseError } from '../../../lambdas/core/intake/parsed-mail';
import { stripQuoted } from '../../../lambdas/core/intake/quoted-text';
import { categorise, foldText, type Categorisation } from '../../../lambdas/core/intake/topic';
import { DEFAULT_KEYWORDS, type KeywordTable } from '../../../lambdas/core/intake/topic-keywords';
import { listEml } from '../../support/corpus';

/**
 * The reference: one global `u` regex per keyword (a word-start lookbehind for alphabetic scripts, a
 * whole-word lookahead for `=` keywords, plain substrings for CJK), counted with `String.prototype.match`.
 * `categorise` scans for all keywords in one pass and must decide exactly as this does.
 */
const TIE_ORDER: readonly Exclude<Topic, 'other'>[] = [
  'fraud',
  'account_access',
  'withdrawal',
  'deposit',
  'verification',
  'fees',
  'trading',
];
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const rules = new Map<string, { literal: string; re: RegExp }>();

function rule(keyword: string): { literal: string; re: RegExp } {
  let r = rules.get(keyword);
  if (!r) {
    const whole = keyword.startsWith('=');
    const literal = foldText(whole ? keyword.slice(1) : keyword);
    const body = literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const source = CJK.test(literal) ? body : `(?<![\\p{L}\\p{N}])${body}${whole ? '(?![\\p{L}\\p{N}])' : ''}`;
    r = { literal, re: new RegExp(source, 'gu') };
    rules.set(keyword, r);
  }
  return r;
}

function reference(text: string, subject: string, table: KeywordTable = DEFAULT_KEYWORDS): Categorisation {
  const body = foldText(stripQuoted(text.slice(0, 40_000)).slice(0, 20_000));
  const subj = foldText(subject.slice(0, 500));
  const hits = (keywords: readonly string[]): { score: number; matched: Set<string> } => {
    const matched = new Set<string>();
    let score = 0;
    for (const k of keywords) {
      const { literal, re } = rule(k);
      const s = subj.includes(literal) ? (subj.match(re)?.length ?? 0) : 0;
      const b = body.includes(literal) ? (body.match(re)?.length ?? 0) : 0;
      if (s + b > 0) matched.add(k);
      score += s * 3 + b;
    }
    return { score, matched };
  };
  const languages = Object.values(table);
  const byTopic = new Map(TIE_ORDER.map((t) => [t, hits(languages.flatMap((l) => l.topics[t] ?? []))]));
  let topic: Topic = 'other';
  let matched = new Set<string>();
  let best = 0;
  for (const [t, hit] of byTopic) {
    if (hit.score > best) [best, topic, matched] = [hit.score, t, hit.matched];
  }
  const complaint = hits(languages.flatMap((l) => l.complaint));
  const type: CaseType = complaint.score > 0 ? 'complaint' : 'request';
  return { type, topic, matched: [...complaint.matched, ...matched] };
}

/** mulberry32: a seeded generator, so a failure names a string that can be reproduced. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What may stand next to a keyword: letters and digits of several scripts (astral ones too), marks, punctuation, lone surrogates. */
// prettier-ignore
const AROUND = [
  'a', 's', 'e', 'ing', '1', '2', 'é', 'ș', 'ı', 'İ', 'ß', 'ж', 'ы', '中', 'の', 'ー', '한', '𝐀', '𠀀', '٣',
  ' ', '', '', '-', '_', "'", '.', ',', '!', '、', '。', '\u00a0', '\n', '\n> ', '\u0301', '😀', '\ud83d', '\ude00',
];

const keywordsOf = (table: KeywordTable): string[] =>
  Object.values(table).flatMap((l) => [...Object.values(l.topics).flat(), ...l.complaint]);

function generated(count: number, seed: number, table: KeywordTable): string[] {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const keywords = keywordsOf(table);
  const variant = (k: string): string => {
    const word = k.replace(/^=/, '');
    const roll = next();
    if (roll < 0.15) return word.toUpperCase();
    if (roll < 0.25) return word.normalize('NFD').replace(/[aeiou]/, (v) => `${v}\u0300`);
    if (roll < 0.35) return word.slice(0, 1 + Math.floor(next() * word.length));
    if (roll < 0.45) return word + word;
    return word;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(next() * 10) }, () =>
      next() < 0.8 ? pick(AROUND) + variant(pick(keywords)) + pick(AROUND) : pick(AROUND),
    ).join(pick([' ', '', '\n', ', '])),
  );
}

/**
 * Keywords that overlap themselves and each other (also across a word boundary), one-unit keywords and
 * astral ones: the scanner's corners, in short strings over a small alphabet where they meet often.
 */
const CORNERS: KeywordTable = {
  xx: {
    topics: {
      fees: ['aa', '=a', 'ab', '=aba', 'a a'],
      fraud: ['b', '中中', '𠀀', '𝐀b', '1-1'],
      trading: ['a', 'ba', '=bb', 'ѐ'],
    },
    complaint: ['aba', '中', '=b', 'ee'],
  },
};

function cornerTexts(count: number, seed: number): string[] {
  const next = random(seed);
  const units = ['a', 'b', 'a', 'b', 'e', '中', '𠀀', '𝐀', 'ѐ', 'e\u0300', ' ', '1', '-', '\ud840'];
  return Array.from({ length: count }, () =>
    Array.from({ length: Math.floor(next() * 24) }, () => units[Math.floor(next() * units.length)]).join(''),
  );
}

describe('categorise against one regex per keyword', () => {
  it('decides every corpus message as the reference does', async () => {
    const parser = new MailparserMimeParser();
    let compared = 0;
    for (const file of listEml()) {
      let mail;
      try {
        mail = await parser.parse(readFileSync(file));
      } catch (err) {
        if (err instanceof MailParseError) continue;
        throw err;
      }
      expect({ file, ...categorise(mail.text, mail.subject) }).toEqual({
        file,
        ...reference(mail.text, mail.subject),
      });
      compared++;
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('decides generated text mixing every language as the reference does', () => {
    const texts = generated(3000, 14, DEFAULT_KEYWORDS);
    const decided = new Set<string>();
    for (const [i, text] of texts.entries()) {
      const subject = texts[(i * 7) % texts.length]!.slice(0, 80);
      const actual = categorise(text, subject);
      expect({ text, subject, ...actual }).toEqual({ text, subject, ...reference(text, subject) });
      decided.add(`${actual.type}:${actual.topic}`);
    }
    // The generator reaches every outcome, so the comparison is not one of empty results.
    expect(decided.size).toBe(16);
  });

  it('counts overlapping, one-unit and astral keywords as the reference does', () => {
    const texts = cornerTexts(2000, 15);
    for (const [i, text] of texts.entries()) {
      const subject = texts[(i * 7) % texts.length]!;
      expect({ text, subject, ...categorise(text, subject, CORNERS) }).toEqual({
        text,
        subject,
        ...reference(text, subject, CORNERS),
      });
    }
  });

  it('counts each keyword in a text as many times as its global regex matches', () => {
    const keywords = [...keywordsOf(DEFAULT_KEYWORDS), ...keywordsOf(CORNERS)];
    const scanner = new KeywordScanner(
      keywords.map((k): KeywordRule => {
        const { literal } = rule(k);
        return { literal, mode: CJK.test(literal) ? 'anywhere' : k.startsWith('=') ? 'whole_word' : 'word_start' };
      }),
    );
    for (const text of [...generated(500, 16, DEFAULT_KEYWORDS), ...cornerTexts(1000, 17)].map(foldText)) {
      const counts = new Int32Array(scanner.size);
      scanner.count(text, counts);
      const expected = keywords.map((k) =>
        text.includes(rule(k).literal) ? (text.match(rule(k).re)?.length ?? 0) : 0,
      );
      expect({ text, counts: [...counts] }).toEqual({ text, counts: expected });
    }
  });

  it('refuses a keyword that folds to nothing', () => {
    expect(() => categorise('text', 'subject', { xx: { topics: { fees: ['=\u0301'] }, complaint: [] } })).toThrow(
      /empty/,
    );
  });
});
