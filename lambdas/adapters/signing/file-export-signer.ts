import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ExportSigner } from '../../core/export-signature';

/**
 * Signs export summaries with an ECDSA P-256 private key from a PEM file: the local stack's stand-in for
 * the KMS key, with the same signature format (ECDSA_SHA_256, DER), so one verifier serves both.
 */
export class FileExportSigner implements ExportSigner {
  readonly keyId: string;
  private readonly privateKey: KeyObject;
  private readonly publicPem: string;

  constructor(pem: string) {
    this.privateKey = createPrivateKey(pem);
    if (this.privateKey.asymmetricKeyType !== 'ec' || this.privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
      throw new Error('the export signing key must be an EC key on NIST P-256 (prime256v1)');
    this.publicPem = createPublicKey(this.privateKey).export({ type: 'spki', format: 'pem' }).toString();
    const spki = createPublicKey(this.privateKey).export({ type: 'spki', format: 'der' });
    this.keyId = `file:sha256:${createHash('sha256').update(spki).digest('hex').slice(0, 16)}`;
  }

  /** Reads the key from a PEM file (PKCS#8 or SEC1). */
  static fromFile(path: string): FileExportSigner {
    return new FileExportSigner(readFileSync(path, 'utf8'));
  }

  sign(message: Uint8Array): Promise<Uint8Array> {
    return Promise.resolve(sign('sha256', message, { key: this.privateKey, dsaEncoding: 'der' }));
  }

  publicKeyPem(): Promise<string> {
    return Promise.resolve(this.publicPem);
  }
}
