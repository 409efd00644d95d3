import { canonicalJson, GENESIS_HASH, sha256Hex } from './audit-chain';
import { signSummary, verifySummarySignature, type ExportSigner } from './export-signature';

/**
 * The record export (23 NYCRR 200.12 records; format in docs/api.md): NDJSON, one record a line, each line chained to the
 * one before it, so a recipient can prove that no line was altered, removed, inserted or reordered.
 *
 * Every line is a JSON object `{ kind, record, prevHash, hash }` where
 *   hash = sha256Hex(prevHash + canonicalJson({ kind, record }))
 * and canonicalJson is RFC 8785 (JSON Canonicalization Scheme, see canonical-json.ts). The first line's prevHash is
 * the start hash (64 zeros, or the previous page's last hash when the export continues with a cursor).
 * The last line is a `summary` record (counts, range, last record hash), chained the same way, and signed
 * (export-signature.ts): its `signature` covers the last record hash and the counts.
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

  /**
   * @param startHash the first line's prevHash
   * @param resume where an export written in parts stands: the head and counts of the lines already
   *   written (by an earlier invocation), so this chain continues them and its summary counts them all
   */
  constructor(
    readonly startHash: string = GENESIS_HASH,
    resume?: { readonly head: string; readonly counts: { cases: number; messages: number; events: number } },
  ) {
    this.head = resume?.head ?? startHash;
    if (resume) {
      this.counts.case = resume.counts.cases;
      this.counts.message = resume.counts.messages;
      this.counts.event = resume.counts.events;
    }
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

  /** Records per kind so far. */
  get recordCounts(): { cases: number; messages: number; events: number } {
    return { cases: this.counts.case, messages: this.counts.message, events: this.counts.event };
  }

  /**
   * The closing summary line, unsigned: counts per kind, the chain's start and the hash it reached. An
   * export handed to anyone ends with {@link signedSummary} instead.
   */
  summary(extra: Record<string, unknown>): string {
    return this.line('summary', {
      ...extra,
      counts: this.recordCounts,
      startHash: this.startHash,
      lastRecordHash: this.head,
    });
  }

  /** The closing summary line with the signer's signature over the last record hash and the counts. */
  async signedSummary(extra: Record<string, unknown>, signer: ExportSigner): Promise<string> {
    const signature = await signSummary(signer, this.head, this.recordCounts);
    return this.line('summary', {
      ...extra,
      counts: this.recordCounts,
      startHash: this.startHash,
      lastRecordHash: this.head,
      signature,
    });
  }
}

export type ExportVerification =
  | {
      readonly ok: true;
      readonly lines: number;
      readonly lastHash: string;
      /** `valid` when a public key was given and the summary's signature checks out with it. */
      readonly signature: 'valid' | 'unchecked';
      /** The summary's key id, to pick the public key by. */
      readonly keyId?: string;
    }
  | { readonly ok: false; readonly line: number; readonly reason: string };

export interface VerifyOptions {
  /** The chain's start (a later page starts from the previous page's last hash). @default GENESIS_HASH */
  readonly startHash?: string;
  /** The signer's public key (PEM); when given, an unsigned or wrongly signed summary fails. */
  readonly publicKeyPem?: string;
}

/**
 * Verifies an NDJSON export as documented in docs/api.md: every line parses, links to its predecessor
 * and hashes to what it says, and the last line is a summary whose counts match and, given the public
 * key, whose signature is valid. `line` is 1-based.
 */
export function verifyExport(ndjson: string, options: string | VerifyOptions = {}): ExportVerification {
  const opts: VerifyOptions = typeof options === 'string' ? { startHash: options } : options;
  const startHash = opts.startHash ?? GENESIS_HASH;
  let signature: 'valid' | 'unchecked' = 'unchecked';
  let keyId: string | undefined;
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
      const s = parsed.record as {
        counts?: { cases?: number; messages?: number; events?: number };
        signature?: { keyId?: unknown };
      };
      if (s.counts?.cases !== counts.case || s.counts.messages !== counts.message || s.counts.events !== counts.event) {
        return { ok: false, line: i + 1, reason: 'summary counts do not match the lines' };
      }
      if (typeof s.signature?.keyId === 'string') keyId = s.signature.keyId;
      if (opts.publicKeyPem !== undefined) {
        const n = { cases: counts.case, messages: counts.message, events: counts.event };
        if (!verifySummarySignature(s.signature, prev, n, opts.publicKeyPem))
          return { ok: false, line: i + 1, reason: 'the summary signature is missing or invalid for this public key' };
        signature = 'valid';
      }
    } else {
      if (isLast) return { ok: false, line: i + 1, reason: 'the export has no summary line (truncated?)' };
      counts[parsed.kind] += 1;
    }
    prev = parsed.hash;
  }
  if (rows.length === 0) return { ok: false, line: 0, reason: 'empty export' };
  return { ok: true, lines: rows.length, lastHash: prev, signature, ...(keyId ? { keyId } : {}) };
}
