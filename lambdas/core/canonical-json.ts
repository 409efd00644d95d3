import canonicalize from 'canonicalize';

/** A UTF-16 surrogate without its partner: not representable in UTF-8, and refused by RFC 8785 (I-JSON). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The JSON Canonicalization Scheme (RFC 8785), the text the audit and export hash chains hash, so that
 * anyone can recompute a hash with any JCS implementation (the `canonicalize` package here): object keys
 * sorted by UTF-16 code units at every level, no whitespace, numbers as ECMAScript prints them, strings
 * escaped as JSON.stringify does, `toJSON` honoured (a Date hashes as its ISO 8601 string, not `{}`),
 * members whose value is `undefined` left out. See docs/adr/0002-canonical-json.md.
 *
 * One step before it: a lone surrogate becomes U+FFFD, as it does anyway when the string is stored
 * (DynamoDB and the export file are UTF-8), so the hash covers what a verifier will read back.
 *
 * @throws Error for values JSON cannot represent (NaN, Infinity, cycles).
 *
 * @example
 * canonicalJson({ b: 1, a: new Date(0) }) // '{"a":"1970-01-01T00:00:00.000Z","b":1}'
 */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (err) {
    if (!/Lone surrogate/.test((err as Error).message)) throw err;
    text = canonicalize(wellFormed(value));
  }
  return text ?? 'null'; // a bare undefined, as JSON.stringify would put it in an array
}

/** A copy with every string (keys too) made well-formed; only taken on the rare value that needs it. */
function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(LONE_SURROGATE, '\uFFFD');
  if (value === null || typeof value !== 'object') return value;
  const plain =
    typeof (value as { toJSON?: unknown }).toJSON === 'function' ? JSON.parse(JSON.stringify(value)) : value;
  if (Array.isArray(plain)) return plain.map(wellFormed);
  if (plain === null || typeof plain !== 'object') return wellFormed(plain);
  return Object.fromEntries(Object.entries(plain as object).map(([k, v]) => [wellFormed(k) as string, wellFormed(v)]));
}
