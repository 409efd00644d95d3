import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { BlobPutOptions, BlobStore } from '../core/ports';

export class S3BlobStore implements BlobStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

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
}
