/**
 * Parsers for the two headers that carry a receiving server's authentication verdicts:
 * `Authentication-Results` (RFC 8601) and `Received-SPF` (RFC 7208 §9.1). Small on purpose: they run in
 * the intake Lambda on every mail, and all they must get right is where a method's result starts.
 *
 * The rule that matters for security: a result is only ever the `method=result` at the start of a resinfo
 * (RFC 8601 §2.2). Text inside a property value (`smtp.mailfrom=dmarc=pass@attacker.example`), a quoted
 * string or a comment never counts, however much it looks like a verdict.
 */

/** Longest header value looked at: real ones are a few hundred characters; the rest is ignored. */
const MAX_VALUE_CHARS = 8 * 1024;
/** Most resinfos kept per header (SES writes three: spf, dkim, dmarc; several DKIM signatures add more). */
const MAX_RESINFOS = 32;
/** Most properties kept per resinfo. */
const MAX_PROPERTIES = 16;

export interface AuthResult {
  /** Lower-cased method (`spf`, `dkim`, `dmarc`, ...), without a version suffix. */
  readonly method: string;
  /** Lower-cased result keyword (`pass`, `fail`, `none`, ...). */
  readonly result: string;
  readonly reason?: string;
  /** Properties by lower-cased `ptype.property` (`smtp.mailfrom`, `header.d`, `header.from`). First wins. */
  readonly properties: Readonly<Record<string, string>>;
}

export interface AuthenticationResults {
  /** Lower-cased authserv-id: who produced these results. */
  readonly authServId: string;
  readonly results: readonly AuthResult[];
}

const isSpace = (ch: string | undefined): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';

/**
 * Removes comments (nested, with quoted-pairs) outside quoted strings, replacing each by one space
 * (RFC 5322 §3.2.2 CFWS). Quoted strings are kept as written. Linear in the input.
 */
export function stripComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && (quoted || depth > 0)) {
      if (depth === 0) out += ch + (value[i + 1] ?? '');
      i++;
      continue;
    }
    if (depth > 0) {
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
      if (depth === 0) out += ' ';
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (ch === '(' && !quoted) {
      depth = 1;
      continue;
    }
    out += ch;
  }
  return out;
}

/** Splits on `sep` outside quoted strings (comments already removed). */
function splitOutsideQuotes(value: string, sep: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\' && quoted) i++;
    else if (ch === '"') quoted = !quoted;
    else if (ch === sep && !quoted) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

/** A cursor over one resinfo or key=value list: reads tokens, `=`, and token-or-quoted-string values. */
class Cursor {
  private i = 0;
  constructor(private readonly s: string) {}
  skipSpace(): void {
    while (isSpace(this.s[this.i])) this.i++;
  }
  done(): boolean {
    this.skipSpace();
    return this.i >= this.s.length;
  }
  /** A run of characters up to whitespace, `=` or a quote. */
  word(): string {
    this.skipSpace();
    const start = this.i;
    while (this.i < this.s.length && !isSpace(this.s[this.i]) && this.s[this.i] !== '=' && this.s[this.i] !== '"')
      this.i++;
    return this.s.slice(start, this.i);
  }
  eat(ch: string): boolean {
    this.skipSpace();
    if (this.s[this.i] !== ch) return false;
    this.i++;
    return true;
  }
  /** A value: a quoted string (unescaped) or everything up to the next whitespace (`=` and `@` included). */
  value(): string {
    this.skipSpace();
    if (this.s[this.i] === '"') {
      let out = '';
      for (this.i++; this.i < this.s.length && this.s[this.i] !== '"'; this.i++) {
        if (this.s[this.i] === '\\') this.i++;
        out += this.s[this.i] ?? '';
      }
      this.i++;
      return out;
    }
    const start = this.i;
    while (this.i < this.s.length && !isSpace(this.s[this.i])) this.i++;
    return this.s.slice(start, this.i);
  }
  /** Skips to the next whitespace (recovers from a malformed property). */
  skipWord(): void {
    while (this.i < this.s.length && !isSpace(this.s[this.i])) this.i++;
  }
}

const KEYWORD = /^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62}[A-Za-z0-9])?$/;

/** `method[/version] = result`, then `reason=` and `ptype.property=value` pairs; undefined when malformed. */
function parseResinfo(text: string): AuthResult | undefined {
  const c = new Cursor(text);
  const methodToken = c.word();
  const method = methodToken.split('/')[0]!.toLowerCase();
  if (!KEYWORD.test(method) || !c.eat('=')) return undefined;
  const result = c.word().toLowerCase();
  if (!KEYWORD.test(result)) return undefined;
  let reason: string | undefined;
  const properties: Record<string, string> = {};
  let count = 0;
  while (!c.done() && count < MAX_PROPERTIES) {
    const key = c.word().toLowerCase();
    if (key === '' || !c.eat('=')) {
      c.skipWord();
      continue;
    }
    const value = c.value();
    if (key === 'reason') reason ??= value;
    else if (/^[a-z0-9_-]+\.[a-z0-9_.-]+$/.test(key) && !(key in properties)) {
      properties[key] = value;
      count++;
    }
  }
  return { method, result, ...(reason !== undefined && { reason }), properties };
}

/**
 * Parses one `Authentication-Results` value (without the field name). Returns undefined when there is no
 * authserv-id. Malformed resinfos are skipped, never guessed at.
 *
 * @example parseAuthenticationResults('amazonses.com; spf=pass smtp.mailfrom=a@b.example; dmarc=pass')
 *   // { authServId: 'amazonses.com', results: [{ method: 'spf', ... }, { method: 'dmarc', ... }] }
 */
export function parseAuthenticationResults(value: string): AuthenticationResults | undefined {
  const parts = splitOutsideQuotes(stripComments(value.slice(0, MAX_VALUE_CHARS)), ';');
  const head = parts[0]!.trim().split(/\s+/)[0] ?? '';
  const authServId = head.replace(/^"|"$/g, '').toLowerCase();
  if (authServId === '') return undefined;
  const results: AuthResult[] = [];
  for (const part of parts.slice(1)) {
    if (results.length >= MAX_RESINFOS) break;
    const trimmed = part.trim();
    if (trimmed === '' || trimmed.toLowerCase() === 'none') continue; // RFC 8601 no-result
    const r = parseResinfo(trimmed);
    if (r) results.push(r);
  }
  return { authServId, results };
}

export interface ReceivedSpf {
  /** Lower-cased result (`pass`, `fail`, `softfail`, `neutral`, `none`, `temperror`, `permerror`). */
  readonly result: string;
  /** key=value pairs by lower-cased key (`client-ip`, `envelope-from`, `helo`, ...). */
  readonly params: Readonly<Record<string, string>>;
}

const SPF_RESULTS = new Set(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror']);

/**
 * Parses one `Received-SPF` value (RFC 7208 §9.1): a result, an optional comment, then `key=value;` pairs.
 * Undefined when the result is not one of RFC 7208's.
 */
export function parseReceivedSpf(value: string): ReceivedSpf | undefined {
  const text = stripComments(value.slice(0, MAX_VALUE_CHARS)).trim();
  const c = new Cursor(text);
  const result = c.word().toLowerCase();
  if (!SPF_RESULTS.has(result)) return undefined;
  const params: Record<string, string> = {};
  let count = 0;
  for (const pair of splitOutsideQuotes(text.slice(result.length), ';')) {
    if (count >= MAX_PROPERTIES) break;
    const pc = new Cursor(pair);
    const key = pc.word().toLowerCase();
    if (key === '' || !pc.eat('=')) continue;
    if (!(key in params)) {
      params[key] = pc.value();
      count++;
    }
  }
  return { result, params };
}
