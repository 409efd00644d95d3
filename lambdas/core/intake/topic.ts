import type { CaseType, Topic } from '../case';
import { KeywordScanner, type KeywordRule } from './keyword-scanner';
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

const isCjk = (s: string): boolean =>
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(s);

/**
 * Word-start (stem) matching for alphabetic scripts, or whole-word matching when the keyword starts with
 * `=`; substring matching for CJK (no spaces between words).
 */
function compile(keyword: string): KeywordRule {
  const whole = keyword.startsWith('=');
  const literal = foldText(whole ? keyword.slice(1) : keyword);
  if (isCjk(literal)) return { literal, mode: 'anywhere' };
  return { literal, mode: whole ? 'whole_word' : 'word_start' };
}

interface CompiledTable {
  /** Every rule of the table, topics' and complaints', in one scanner: one pass over a text counts them all. */
  readonly scanner: KeywordScanner;
  /** The keyword of each rule, by rule id. */
  readonly keywords: readonly string[];
  /** Rule ids per topic, in table order. */
  readonly topics: ReadonlyMap<Topic, readonly number[]>;
  readonly complaint: readonly number[];
}

function compileTable(table: KeywordTable): CompiledTable {
  const keywords: string[] = [];
  const rules: KeywordRule[] = [];
  const add = (keyword: string): number => {
    keywords.push(keyword);
    rules.push(compile(keyword));
    return rules.length - 1;
  };
  const topics = new Map<Topic, number[]>();
  const complaint: number[] = [];
  for (const lang of Object.values(table)) {
    for (const [topic, words] of Object.entries(lang.topics) as [Topic, readonly string[]][]) {
      const list = topics.get(topic) ?? [];
      for (const w of words) list.push(add(w));
      topics.set(topic, list);
    }
    for (const w of lang.complaint) complaint.push(add(w));
  }
  return { scanner: new KeywordScanner(rules), keywords, topics, complaint };
}

const cache = new WeakMap<KeywordTable, CompiledTable>();

/** Score of a rule list (subject hits weigh more), and the keywords that hit, once each in rule order. */
function score(
  ids: readonly number[],
  compiled: CompiledTable,
  subject: Int32Array,
  body: Int32Array,
  matched?: Set<string>,
): number {
  let total = 0;
  for (const id of ids) {
    const s = subject[id]!;
    const b = body[id]!;
    if (matched && s + b > 0) matched.add(compiled.keywords[id]!);
    total += s * SUBJECT_WEIGHT + b;
  }
  return total;
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
  const subjectHits = new Int32Array(compiled.scanner.size);
  const bodyHits = new Int32Array(compiled.scanner.size);
  compiled.scanner.count(subj, subjectHits);
  compiled.scanner.count(body, bodyHits);

  let topic: Topic = 'other';
  let best = 0;
  for (const t of TIE_ORDER) {
    const s = score(compiled.topics.get(t) ?? [], compiled, subjectHits, bodyHits);
    if (s > best) {
      best = s;
      topic = t;
    }
  }
  const matched = new Set<string>();
  score(compiled.topics.get(topic) ?? [], compiled, subjectHits, bodyHits, matched);
  const complaintMatched = new Set<string>();
  const type: CaseType =
    score(compiled.complaint, compiled, subjectHits, bodyHits, complaintMatched) > 0 ? 'complaint' : 'request';
  return { type, topic, matched: [...complaintMatched, ...matched] };
}
