import type { CaseType, Topic } from '../case';
import { stripQuoted } from './quoted-text';
import { DEFAULT_KEYWORDS, type KeywordTable } from './topic-keywords';

export interface Categorisation {
  readonly type: CaseType;
  readonly topic: Topic;
  /** Keywords that decided it (for agents, who may correct the result). */
  readonly matched: readonly string[];
}

/** Characters of body text examined: enough for any real request, bounded for huge mails. */
const MAX_BODY_CHARS = 20_000;
/** A hit in the subject weighs this many hits in the body: customers name the problem there. */
const SUBJECT_WEIGHT = 3;
/** Ties go to the topic that matters most to the customer (and the regulator): fraud first. */
const TIE_ORDER: readonly Topic[] = [
  'fraud',
  'account_access',
  'withdrawal',
  'deposit',
  'verification',
  'fees',
  'trading',
];

/** Case-folds and strips accents (ș -> s, é -> e), keeping CJK intact enough for substring matches. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().normalize('NFC');
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isCjk = (s: string): boolean =>
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(s);

interface CompiledRule {
  readonly keyword: string;
  /** The folded keyword itself: text without it as a substring cannot match `re`, and `includes` is far cheaper. */
  readonly literal: string;
  readonly re: RegExp;
}

/**
 * Word-start (stem) matching for alphabetic scripts, or whole-word matching when the keyword starts with
 * `=`; substring matching for CJK (no spaces between words).
 */
function compile(keyword: string): CompiledRule {
  const whole = keyword.startsWith('=');
  const folded = foldText(whole ? keyword.slice(1) : keyword);
  const body = escape(folded);
  if (isCjk(folded)) return { keyword, literal: folded, re: new RegExp(body, 'gu') };
  return {
    keyword,
    literal: folded,
    re: new RegExp(`(?<![\\p{L}\\p{N}])${body}${whole ? '(?![\\p{L}\\p{N}])' : ''}`, 'gu'),
  };
}

interface CompiledTable {
  readonly topics: ReadonlyArray<readonly [Topic, readonly CompiledRule[]]>;
  readonly complaint: readonly CompiledRule[];
  /** One alternation per rule list: most messages match few topics, so one scan rules the rest out. */
  readonly any: ReadonlyMap<readonly CompiledRule[], RegExp>;
}

function anyOf(rules: readonly CompiledRule[]): RegExp {
  return new RegExp(rules.map((r) => `(?:${r.re.source})`).join('|') || '(?!)', 'u');
}

function compileTable(table: KeywordTable): CompiledTable {
  const topics = new Map<Topic, CompiledRule[]>();
  const complaint: CompiledRule[] = [];
  for (const lang of Object.values(table)) {
    for (const [topic, words] of Object.entries(lang.topics) as [Topic, readonly string[]][]) {
      const list = topics.get(topic) ?? [];
      for (const w of words) list.push(compile(w));
      topics.set(topic, list);
    }
    for (const w of lang.complaint) complaint.push(compile(w));
  }
  const any = new Map<readonly CompiledRule[], RegExp>(
    [...topics.values(), complaint].map((rules) => [rules, anyOf(rules)]),
  );
  return { topics: [...topics.entries()], complaint, any };
}

const cache = new WeakMap<KeywordTable, CompiledTable>();

function count(
  rules: readonly CompiledRule[],
  subject: string,
  body: string,
  matched: Set<string>,
  any?: RegExp,
): number {
  if (any && !any.test(subject) && !any.test(body)) return 0;
  let score = 0;
  for (const r of rules) {
    const s = subject.includes(r.literal) ? (subject.match(r.re)?.length ?? 0) : 0;
    const b = body.includes(r.literal) ? (body.match(r.re)?.length ?? 0) : 0;
    if (s + b > 0) matched.add(r.keyword);
    score += s * SUBJECT_WEIGHT + b;
  }
  return score;
}

/**
 * Type (request or complaint) and topic of a customer's message, by keyword rules in every supported
 * language (see `DEFAULT_KEYWORDS`). Quoted text is ignored, so a reply quoting our acknowledgement (which
 * mentions complaints and 2FA) is judged on what the customer wrote.
 *
 * @example categorise('I cannot withdraw my BTC', 'Withdrawal stuck') // { type: 'request', topic: 'withdrawal', ... }
 */
export function categorise(text: string, subject: string, table: KeywordTable = DEFAULT_KEYWORDS): Categorisation {
  let compiled = cache.get(table);
  if (!compiled) {
    compiled = compileTable(table);
    cache.set(table, compiled);
  }
  const body = foldText(stripQuoted(text.slice(0, MAX_BODY_CHARS * 2)).slice(0, MAX_BODY_CHARS));
  const subj = foldText(subject.slice(0, 500));
  const matched = new Set<string>();

  let topic: Topic = 'other';
  let best = 0;
  const scores = new Map<Topic, { score: number; matched: Set<string> }>();
  for (const [t, rules] of compiled.topics) {
    const hits = new Set<string>();
    scores.set(t, { score: count(rules, subj, body, hits, compiled.any.get(rules)), matched: hits });
  }
  for (const t of TIE_ORDER) {
    const score = scores.get(t)?.score ?? 0;
    if (score > best) {
      best = score;
      topic = t;
    }
  }
  for (const k of scores.get(topic)?.matched ?? []) matched.add(k);
  const complaintMatched = new Set<string>();
  const type: CaseType =
    count(compiled.complaint, subj, body, complaintMatched, compiled.any.get(compiled.complaint)) > 0
      ? 'complaint'
      : 'request';
  return { type, topic, matched: [...complaintMatched, ...matched] };
}
