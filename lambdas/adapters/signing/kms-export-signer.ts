import { GetPublicKeyCommand, SignCommand, type KMSClient } from '@aws-sdk/client-kms';
import { EXPORT_SIGNATURE_ALGORITHM, type ExportSigner } from '../../core/export-signature';

/**
 * Signs export summaries with an asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY). The private key never
 * leaves KMS; only the functions that export may call `kms:Sign` on it. KMS hashes the RAW message with
 * SHA-256 and returns a DER-encoded signature: the format the local key file produces too.
 */
export class KmsExportSigner implements ExportSigner {
  private publicKey?: Promise<string>;

  constructor(
    private readonly kms: KMSClient,
    /** The key's ARN (what the signature names as keyId). */
    readonly keyId: string,
  ) {}

  async sign(message: Uint8Array): Promise<Uint8Array> {
    const out = await this.kms.send(
      new SignCommand({
        KeyId: this.keyId,
        Message: message,
        MessageType: 'RAW',
        SigningAlgorithm: EXPORT_SIGNATURE_ALGORITHM,
      }),
    );
    if (!out.Signature) throw new Error(`KMS returned no signature for key ${this.keyId}`);
    return out.Signature;
  }

  /** The public key as PEM, fetched once per container (it never changes for a key). */
  publicKeyPem(): Promise<string> {
    this.publicKey ??= this.kms.send(new GetPublicKeyCommand({ KeyId: this.keyId })).then((out) => {
      if (!out.PublicKey) throw new Error(`KMS returned no public key for key ${this.keyId}`);
      return derToPem(out.PublicKey);
    });
    this.publicKey.catch(() => {
      this.publicKey = undefined; // a throttled call is retried next time
    });
    return this.publicKey;
  }
}

/** SubjectPublicKeyInfo DER (what KMS GetPublicKey returns) as PEM. */
export function derToPem(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}
