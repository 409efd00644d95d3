/**
 * Resource limits of the MIME parser, each with the threat it guards against. Mail is attacker-controlled
 * input that arrives unauthenticated; every unbounded quantity is a way to exhaust a 512 MB Lambda or to
 * pin its CPU until the SQS visibility timeout expires and the whole batch is retried.
 */
export interface ParseLimits {
  /**
   * Largest raw message accepted. SES's S3 action stores at most 40 MB per message, so anything larger
   * did not come through SES: refuse before parsing (memory: the parser holds text and HTML in memory).
   */
  readonly maxRawBytes: number;
  /**
   * Largest header block of one MIME part (mailparser `maxHeadSize`; every folded line counts at least 64
   * bytes). Guards against header bombs: many MB of `X-` lines cost memory in the header map and time in
   * every later header lookup. 1 MiB still takes a 250 KB folded subject or a 10,000-id References chain,
   * which real (if broken) clients send, so those become cases with bounded fields, not quarantine.
   */
  readonly maxHeaderBytes: number;
  /**
   * Deepest nesting of multiparts and embedded messages. mailparser has no such option, so a cheap line
   * pre-scan counts it. Guards against MIME bombs that drive recursive walkers (ours, html-to-text, agents'
   * clients) into stack overflow or quadratic work. Real mail rarely nests beyond 6.
   */
  readonly maxNestingDepth: number;
  /** Most MIME parts (mailparser `maxChildNodes`): each part costs a node, decoders and hashing. */
  readonly maxParts: number;
  /** Most attachments whose metadata is kept; the rest are noted as a problem (they stay in the raw mail). */
  readonly maxAttachments: number;
  /**
   * Longest HTML (characters) handed to later stages (html-to-text inside mailparser, the sanitiser, the
   * store). HTML with thousands of links or deep nesting is where peers' CPUs got pegged.
   */
  readonly maxHtmlChars: number;
  /** Longest plain text kept (characters); the raw message keeps the rest. */
  readonly maxTextChars: number;
  /** Most header fields kept in the header multimap, and the longest value kept per field. */
  readonly maxHeaderFields: number;
  readonly maxHeaderValueChars: number;
  /** Most References ids kept (the newest): threading needs the recent ones, not a 10,000-id chain. */
  readonly maxReferences: number;
  /**
   * Longest decoded subject kept (characters). Classification, language and topic need the opening; a
   * 250 KB folded subject otherwise reaches every regex and every header we write. The raw keeps it all.
   */
  readonly maxSubjectChars: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxRawBytes: 40 * 1024 * 1024,
  maxHeaderBytes: 1024 * 1024,
  maxNestingDepth: 32,
  maxParts: 500,
  maxAttachments: 100,
  maxHtmlChars: 1_000_000,
  maxTextChars: 1_000_000,
  maxHeaderFields: 500,
  maxHeaderValueChars: 16 * 1024,
  maxReferences: 50,
  maxSubjectChars: 1024,
};
