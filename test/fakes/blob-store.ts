import { BlobTooLargeError, ConfigError } from '../../lambdas/core/errors';
import type { BlobPutOptions, BlobStore, Clock, RetainedBlob } from '../../lambdas/core/ports';

const DAY_MS = 86_400_000;

export interface StoredBlob {
  readonly body: Buffer;
  readonly contentType: string;
  readonly storedAt: Date;
  retainUntil?: Date;
}

/** Thrown for a key that is not there, named like S3's error so callers treat it the same way. */
export class NoSuchKeyError extends Error {
  override readonly name = 'NoSuchKey';
}

/**
 * Objects in a map; retention as the S3 adapter computes it (from when the object was stored). Stores
 * given the same `objects` map share a bucket, as functions with different retention periods do.
 */
export class InMemoryBlobStore implements BlobStore {
  constructor(
    private readonly clock: Clock = { now: () => new Date() },
    private readonly retentionDays?: number,
    readonly objects = new Map<string, StoredBlob>(),
  ) {}

  /** Bodies read so far (`get` and `getRetained`), so a test can see a body that was never read. */
  reads = 0;

  async get(key: string): Promise<Buffer> {
    this.reads += 1;
    return Buffer.from(this.find(key).body);
  }

  async put(key: string, body: Buffer | string, contentType: string, options: BlobPutOptions = {}): Promise<void> {
    this.objects.set(key, {
      body: Buffer.from(body),
      contentType,
      storedAt: this.clock.now(),
      ...(options.retainUntil ? { retainUntil: new Date(options.retainUntil) } : {}),
    });
  }

  async size(key: string): Promise<number> {
    return this.find(key).body.length;
  }

  async getRetained(key: string, options: { readonly maxBytes?: number } = {}): Promise<RetainedBlob> {
    if (this.retentionDays === undefined)
      throw new ConfigError('this function keeps no mail: MAIL_RETENTION_DAYS is not set, so it cannot retain objects');
    const blob = this.find(key);
    const until = new Date(blob.storedAt.getTime() + this.retentionDays * DAY_MS);
    if (!blob.retainUntil || blob.retainUntil < until) blob.retainUntil = until;
    if (options.maxBytes !== undefined && blob.body.length > options.maxBytes)
      throw new BlobTooLargeError(key, blob.body.length, options.maxBytes);
    this.reads += 1;
    return { body: Buffer.from(blob.body), retainUntil: blob.retainUntil };
  }

  private find(key: string): StoredBlob {
    const blob = this.objects.get(key);
    if (!blob) throw new NoSuchKeyError(`no object ${key}`);
    return blob;
  }
}
