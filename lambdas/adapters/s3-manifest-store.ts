import { createHash } from 'node:crypto';
import { HeadObjectCommand, NotFound, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { manifestKey, type AuditManifest } from '../core/audit-manifest';
import type { ManifestStore } from '../core/ports';

const DAY_MS = 86_400_000;

/**
 * Audit manifests in the Object-Locked mail bucket (`manifests/YYYY-MM-DD/HH.json`), each put with
 * COMPLIANCE retention in the same request (with the checksum S3 requires of Object Lock writes): from
 * the moment it exists nobody, the account's root included, can change or delete it before retain-until.
 */
export class S3ManifestStore implements ManifestStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly retentionDays: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async exists(hour: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: manifestKey(hour) }));
      return true;
    } catch (err) {
      if (err instanceof NotFound || (err as { name?: string }).name === 'NotFound') return false;
      throw err;
    }
  }

  async put(manifest: AuditManifest): Promise<void> {
    const body = `${JSON.stringify(manifest)}\n`;
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: manifestKey(manifest.hour),
        Body: body,
        ContentType: 'application/json',
        ObjectLockMode: 'COMPLIANCE',
        ObjectLockRetainUntilDate: new Date(this.now().getTime() + this.retentionDays * DAY_MS),
        ChecksumSHA256: createHash('sha256').update(body).digest('base64'),
      }),
    );
  }
}
