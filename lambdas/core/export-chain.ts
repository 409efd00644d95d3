import { canonicalJson, GENESIS_HASH, sha256Hex } from './audit-chain';

/**
 * The record export (23 NYCRR 200.12 records; format in docs/api.md): NDJSON, one record a line, each line chained to the
 * one before it, so a recipient can prove that no line was altered, removed, inserted or reordered.
 *
 * Every line is a JSON object `{ kind, record, prevHash, hash }` where
 *   hash = sha256Hex(prevHash + canonicalJson({ kind, record }))
 * and canonicalJson is RFC 8785 (JSON Canonicalization Scheme, see canonical-json.ts). The first line's prevHash is
 * the start hash (64 zeros, or the previous page's last hash when the export continues with a cursor).
 * The last line is a `summary` record (counts, range, last record hash), chained the same way.
 */

export const EXPORT_KINDS = ['case', 'message', 'event', 'summary'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export interface ExportLine {
  readonly kind: ExportKind;
  readonly record: unknown;
  readonly prevHash: string;
  readonly hash: string;
}

/** The hash of one line given its predecessor's hash. */
export function exportLineHash(prevHash: string, kind: ExportKind, record: unknown): string {
  return sha256Hex(prevHash + canonicalJson({ kind, record }));
}

/**
 * Builds chained lines one at a time, so an exporter can stop at a size cap and still end with a valid
 * summary line.
 */
export class ExportChain {
  private head: string;
  private bytes = 0;
  private readonly counts: Record<ExportKind, number> = { case: 0, message: 0, event: 0, summary: 0 };

  constructor(readonly startHash: string = GENESIS_HASH) {
    this.head = startHash;
  }

  /** Appends a record and returns its NDJSON line (with the trailing newline). */
  line(kind: ExportKind, record: unknown): string {
    const hash = exportLineHash(this.head, kind, record);
    const text = `${JSON.stringify({ kind, record, prevHash: this.head, hash })}\n`;
    this.head = hash;
    this.counts[kind] += 1;
    this.bytes += Buffer.byteLength(text, 'utf8');
    return text;
  }

  /** Hash of the newest line. */
  get lastHash(): string {
    return this.head;
  }

  /** UTF-8 bytes produced so far. */
  get size(): number {
    return this.bytes;
  }

  /** The closing summary line: counts per kind, the chain's start and the hash it reached. */
  summary(extra: Record<string, unknown>): string {
    const { case: cases, message: messages, event: events } = this.counts;
    return this.line('summary', {
      ...extra,
      counts: { cases, messages, events },
      startHash: this.startHash,
      lastRecordHash: this.head,
    });
  }
}

export type ExportVerification =
  | { readonly ok: true; readonly lines: number; readonly lastHash: string }
  | { readonly ok: false; readonly line: number; readonly reason: string };

/**
 * Verifies an NDJSON export as documented in docs/api.md: every line parses, links to its predecessor
 * and hashes to what it says, and the last line is a summary whose counts match. `line` is 1-based.
 */
export function verifyExport(ndjson: string, startHash: string = GENESIS_HASH): ExportVerification {
  const rows = ndjson.split('\n').filter((l) => l.length > 0);
  let prev = startHash;
  const counts = { case: 0, message: 0, event: 0 };
  for (const [i, text] of rows.entries()) {
    let parsed: Partial<ExportLine>;
    try {
      parsed = JSON.parse(text) as Partial<ExportLine>;
    } catch {
      return { ok: false, line: i + 1, reason: 'not JSON' };
    }
    if (!parsed.kind || !(EXPORT_KINDS as readonly string[]).includes(parsed.kind))
      return { ok: false, line: i + 1, reason: 'unknown kind' };
    if (parsed.prevHash !== prev)
      return { ok: false, line: i + 1, reason: 'prevHash does not match the previous line' };
    if (exportLineHash(prev, parsed.kind, parsed.record) !== parsed.hash)
      return { ok: false, line: i + 1, reason: 'hash does not match the content' };
    const isLast = i === rows.length - 1;
    if (parsed.kind === 'summary') {
      if (!isLast) return { ok: false, line: i + 1, reason: 'summary before the end' };
      const s = parsed.record as { counts?: { cases?: number; messages?: number; events?: number } };
      if (s.counts?.cases !== counts.case || s.counts.messages !== counts.message || s.counts.events !== counts.event) {
        return { ok: false, line: i + 1, reason: 'summary counts do not match the lines' };
      }
    } else {
      if (isLast) return { ok: false, line: i + 1, reason: 'the export has no summary line (truncated?)' };
      counts[parsed.kind] += 1;
    }
    prev = parsed.hash;
  }
  if (rows.length === 0) return { ok: false, line: 0, reason: 'empty export' };
  return { ok: true, lines: rows.length, lastHash: prev };
}
