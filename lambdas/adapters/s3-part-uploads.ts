import { createHash } from 'node:crypto';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  NotFound,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { PartUploads, UploadedPart } from '../core/export-job';

const DAY_MS = 86_400_000;

/**
 * An object of the Object-Locked mail bucket written as an S3 multipart upload: created with COMPLIANCE
 * retention (retain-until = now + the records retention), every part with its SHA-256 checksum (Object
 * Lock writes need one), completed with the parts' checksums. Incomplete uploads are not objects and
 * hold no lock; the bucket's lifecycle rule aborts abandoned ones.
 */
export class S3PartUploads implements PartUploads {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly retentionDays: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async start(key: string, contentType: string): Promise<string> {
    const out = await this.s3.send(
      new CreateMultipartUploadCommand({
        Bucket: this.bucket,
        Key: key,
        ContentType: contentType,
        ChecksumAlgorithm: 'SHA256',
        ObjectLockMode: 'COMPLIANCE',
        ObjectLockRetainUntilDate: new Date(this.now().getTime() + this.retentionDays * DAY_MS),
      }),
    );
    if (!out.UploadId) throw new Error(`S3 returned no upload id for ${key}`);
    return out.UploadId;
  }

  async uploadPart(key: string, uploadId: string, partNumber: number, body: Buffer): Promise<UploadedPart> {
    const checksumSha256 = createHash('sha256').update(body).digest('base64');
    const out = await this.s3.send(
      new UploadPartCommand({
        Bucket: this.bucket,
        Key: key,
        UploadId: uploadId,
        PartNumber: partNumber,
        Body: body,
        ContentLength: body.length,
        ChecksumSHA256: checksumSha256,
      }),
    );
    if (!out.ETag) throw new Error(`S3 returned no ETag for part ${partNumber} of ${key}`);
    return { partNumber, etag: out.ETag, checksumSha256 };
  }

  async complete(key: string, uploadId: string, parts: readonly UploadedPart[]): Promise<void> {
    await this.s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: {
          Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag, ChecksumSHA256: p.checksumSha256 })),
        },
      }),
    );
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (err) {
      if (err instanceof NotFound || (err as { name?: string }).name === 'NotFound') return false;
      throw err;
    }
  }
}
