import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  PutObjectRetentionCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { BlobTooLargeError, ConfigError } from '../core/errors';
import type { BlobPutOptions, BlobStore, RetainedBlob } from '../core/ports';

const DAY_MS = 86_400_000;

export interface S3BlobStoreOptions {
  /**
   * Object Lock retention applied by {@link S3BlobStore.getRetained}, counted from when S3 stored the object.
   * Only the functions that keep mail (intake, mailer) are given one; `getRetained` refuses without it.
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
   * One GetObject serves both the read and the retention: its headers carry LastModified (when SES stored
   * the object; the retention counts from it, so a redelivery computes the same date) and, with
   * s3:GetObjectRetention, the current lock. A retention already as long is left alone, since COMPLIANCE
   * refuses any shortening with AccessDenied; otherwise PutObjectRetention runs while the body streams in
   * (the SDK adds the checksum S3 requires). An object over `maxBytes` is retained, and its stream destroyed
   * unread: ContentLength is known before the body.
   */
  async getRetained(key: string, options: { readonly maxBytes?: number } = {}): Promise<RetainedBlob> {
    if (this.opts.retentionDays === undefined)
      throw new ConfigError('this function keeps no mail: MAIL_RETENTION_DAYS is not set, so it cannot retain objects');
    const retentionDays = this.opts.retentionDays;
    const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    const body = out.Body;
    try {
      if (!body) throw new Error(`s3://${this.bucket}/${key} has no body`);
      if (!out.LastModified) throw new Error(`s3://${this.bucket}/${key} has no LastModified`);
      const until = new Date(out.LastModified.getTime() + retentionDays * DAY_MS);
      const current = out.ObjectLockRetainUntilDate;
      const retaining: Promise<Date> =
        out.ObjectLockMode === 'COMPLIANCE' && current && current.getTime() >= until.getTime()
          ? Promise.resolve(current)
          : this.putRetention(key, until);
      const size = out.ContentLength;
      if (options.maxBytes !== undefined && size !== undefined && size > options.maxBytes) {
        destroy(body);
        await retaining;
        throw new BlobTooLargeError(`s3://${this.bucket}/${key}`, size, options.maxBytes);
      }
      const [bytes, retainUntil] = await Promise.all([body.transformToByteArray(), retaining]);
      return { body: Buffer.from(bytes), retainUntil };
    } catch (err) {
      destroy(body);
      throw err;
    }
  }

  private async putRetention(key: string, until: Date): Promise<Date> {
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

/** Drops a response body that will not be read (in Node, the SDK's body is a Readable over the socket). */
function destroy(body: unknown): void {
  if (body instanceof Readable && !body.destroyed) body.destroy();
}
