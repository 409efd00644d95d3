import { createHash } from 'node:crypto';
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  PutObjectRetentionCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { ConfigError } from '../core/errors';
import type { BlobPutOptions, BlobStore } from '../core/ports';

const DAY_MS = 86_400_000;

export interface S3BlobStoreOptions {
  /**
   * Object Lock retention applied by {@link S3BlobStore.retain}, counted from when S3 stored the object.
   * Only the functions that keep mail (intake, mailer) are given one; `retain` refuses without it.
   */
  readonly retentionDays?: number;
}

export class S3BlobStore implements BlobStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly opts: S3BlobStoreOptions = {},
  ) {
    if (opts.retentionDays !== undefined && (!Number.isInteger(opts.retentionDays) || opts.retentionDays < 1))
      throw new RangeError(`retentionDays must be a positive whole number of days, got ${opts.retentionDays}`);
  }

  async get(key: string): Promise<Buffer> {
    const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (!out.Body) throw new Error(`s3://${this.bucket}/${key} has no body`);
    return Buffer.from(await out.Body.transformToByteArray());
  }

  async put(key: string, body: Buffer | string, contentType: string, options: BlobPutOptions = {}): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        ...(options.retainUntil
          ? {
              // Compliance mode: nobody, root included, can delete or overwrite this version before the date.
              // S3 refuses an Object Lock put without an integrity checksum; SHA-256 over the exact bytes.
              ObjectLockMode: 'COMPLIANCE' as const,
              ObjectLockRetainUntilDate: options.retainUntil,
              ChecksumSHA256: createHash('sha256').update(body).digest('base64'),
            }
          : {}),
      }),
    );
  }

  async size(key: string): Promise<number> {
    const out = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
    return out.ContentLength ?? 0;
  }

  /**
   * Counted from the object's LastModified (when SES stored it), so a redelivery computes the same date.
   * HeadObject shows the current lock (with s3:GetObjectRetention): a retention already as long is left
   * alone, since COMPLIANCE refuses any shortening with AccessDenied. The SDK adds the checksum S3
   * requires on PutObjectRetention.
   */
  async retain(key: string): Promise<Date> {
    if (this.opts.retentionDays === undefined)
      throw new ConfigError('this function keeps no mail: MAIL_RETENTION_DAYS is not set, so it cannot retain objects');
    const retentionDays = this.opts.retentionDays;
    const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
    if (!head.LastModified) throw new Error(`s3://${this.bucket}/${key} has no LastModified`);
    const until = new Date(head.LastModified.getTime() + retentionDays * DAY_MS);
    const current = head.ObjectLockRetainUntilDate;
    if (head.ObjectLockMode === 'COMPLIANCE' && current && current.getTime() >= until.getTime()) return current;
    await this.s3.send(
      new PutObjectRetentionCommand({
        Bucket: this.bucket,
        Key: key,
        Retention: { Mode: 'COMPLIANCE', RetainUntilDate: until },
      }),
    );
    return until;
  }
}
