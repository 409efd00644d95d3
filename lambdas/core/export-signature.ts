import { createPublicKey, verify } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/**
 * The export's signature (format in docs/api.md, "Export and how to verify it"). The hash chain alone
 * proves nothing against someone who can write the table: they edit a record and recompute every hash.
 * So the summary line's record carries an ECDSA P-256 signature, made with a key nobody holding table
 * access can use (a KMS key on AWS, a key file locally), over the hash of the line before the summary
 * and the summary's counts: the hash of the last record commits to every line before it.
 *
 * Signed message: the UTF-8 bytes of `canonicalJson({ counts, prevHash })` (RFC 8785), signed with
 * ECDSA_SHA_256 (KMS's name: SHA-256 of the message, then ECDSA on NIST P-256); the signature is DER,
 * base64-encoded, as KMS `Sign` returns it.
 */

export const EXPORT_SIGNATURE_ALGORITHM = 'ECDSA_SHA_256' as const;

export interface ExportCounts {
  readonly cases: number;
  readonly messages: number;
  readonly events: number;
}

/** What the summary record's `signature` holds. */
export interface ExportSignature {
  readonly algorithm: typeof EXPORT_SIGNATURE_ALGORITHM;
  /** Which key signed (a KMS key ARN, or `file:<fingerprint>` locally): tells the verifier which public key to use. */
  readonly keyId: string;
  /** DER-encoded ECDSA signature, base64. */
  readonly value: string;
}

/** Signs export summaries with an asymmetric key the table's writers cannot reach (port; adapters: KMS, key file). */
export interface ExportSigner {
  /** Identifies the key in the signature (and in the published public key). */
  readonly keyId: string;
  /** ECDSA_SHA_256 over `message`; the DER-encoded signature. */
  sign(message: Uint8Array): Promise<Uint8Array>;
  /** The public key, PEM (SubjectPublicKeyInfo), for verifiers. */
  publicKeyPem(): Promise<string>;
}

/** The exact bytes the signature covers. */
export function signedMessage(prevHash: string, counts: ExportCounts): Buffer {
  return Buffer.from(
    canonicalJson({ counts: { cases: counts.cases, messages: counts.messages, events: counts.events }, prevHash }),
    'utf8',
  );
}

/** Signs what a summary line will carry. */
export async function signSummary(
  signer: ExportSigner,
  prevHash: string,
  counts: ExportCounts,
): Promise<ExportSignature> {
  const der = await signer.sign(signedMessage(prevHash, counts));
  return { algorithm: EXPORT_SIGNATURE_ALGORITHM, keyId: signer.keyId, value: Buffer.from(der).toString('base64') };
}

/** True when `signature` is a valid ECDSA_SHA_256 signature by `publicKeyPem` over (prevHash, counts). */
export function verifySummarySignature(
  signature: unknown,
  prevHash: string,
  counts: ExportCounts,
  publicKeyPem: string,
): boolean {
  const s = signature as Partial<ExportSignature> | undefined;
  if (!s || s.algorithm !== EXPORT_SIGNATURE_ALGORITHM || typeof s.value !== 'string') return false;
  try {
    return verify(
      'sha256',
      signedMessage(prevHash, counts),
      { key: createPublicKey(publicKeyPem), dsaEncoding: 'der' },
      Buffer.from(s.value, 'base64'),
    );
  } catch {
    return false; // a malformed signature or key is not a valid signature
  }
}
