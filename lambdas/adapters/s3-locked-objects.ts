import { createHash } from 'node:crypto';
import { HeadObjectCommand, NotFound, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { LockedObjects } from '../core/reports/frozen-report';

const DAY_MS = 86_400_000;

/**
 * Write-once records in the Object-Locked mail bucket: each put carries COMPLIANCE retention (retain-until
 * = now + the records retention) and the SHA-256 checksum S3 requires of Object Lock writes.
 */
export class S3LockedObjects implements LockedObjects {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly retentionDays: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async exists(key: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (err) {
      if (err instanceof NotFound || (err as { name?: string }).name === 'NotFound') return false;
      throw err;
    }
  }

  async put(key: string, body: string, contentType: string): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        ObjectLockMode: 'COMPLIANCE',
        ObjectLockRetainUntilDate: new Date(this.now().getTime() + this.retentionDays * DAY_MS),
        ChecksumSHA256: createHash('sha256').update(body).digest('base64'),
      }),
    );
  }
}
