import { createHash } from 'node:crypto';
import { ConcurrencyError } from '../../lambdas/core/errors';
import {
  MIN_PART_BYTES,
  type ExportJob,
  type ExportJobStore,
  type PartUploads,
  type UploadedPart,
} from '../../lambdas/core/export-job';
import { stored } from './copy';

/** Export jobs in memory, with the DynamoDB store's conditions (create once, update from the state read). */
export class InMemoryExportJobStore implements ExportJobStore {
  private readonly jobs = new Map<string, ExportJob>();

  async create(job: ExportJob): Promise<void> {
    if (this.jobs.has(job.id)) throw new ConcurrencyError(`export job ${job.id} exists`);
    this.jobs.set(job.id, stored(job));
  }

  async get(id: string): Promise<ExportJob | undefined> {
    const job = this.jobs.get(id);
    return job ? stored(job) : undefined;
  }

  async update(next: ExportJob, expected: { readonly runs: number; readonly parts: number }): Promise<void> {
    const current = this.jobs.get(next.id);
    if (!current || current.runs !== expected.runs || current.checkpoint.parts.length !== expected.parts)
      throw new ConcurrencyError(`export job ${next.id} changed meanwhile`);
    this.jobs.set(next.id, stored(next));
  }
}

interface Upload {
  readonly key: string;
  readonly parts: Map<number, Buffer>;
}

/**
 * Multipart uploads in memory with S3's rules: parts but the last at least `minPartBytes` (S3: 5 MiB;
 * tests lower it to see many parts from a few cases), completion only with the ETags and checksums the
 * parts were given, and a completed upload gone (a second completion fails as on S3).
 */
export class InMemoryPartUploads implements PartUploads {
  readonly objects = new Map<string, Buffer>();
  private readonly uploads = new Map<string, Upload>();
  private n = 0;
  /** Largest part seen (tests check memory stays bounded by the part size). */
  largestPart = 0;

  constructor(private readonly minPartBytes = MIN_PART_BYTES) {}

  async start(key: string): Promise<string> {
    const id = `upload-${++this.n}`;
    this.uploads.set(id, { key, parts: new Map() });
    return id;
  }

  async uploadPart(key: string, uploadId: string, partNumber: number, body: Buffer): Promise<UploadedPart> {
    const upload = this.upload(key, uploadId);
    upload.parts.set(partNumber, Buffer.from(body));
    this.largestPart = Math.max(this.largestPart, body.length);
    const etag = `"${createHash('md5').update(body).digest('hex')}"`;
    return { partNumber, etag, checksumSha256: createHash('sha256').update(body).digest('base64') };
  }

  async complete(key: string, uploadId: string, parts: readonly UploadedPart[]): Promise<void> {
    const upload = this.upload(key, uploadId);
    const bodies = parts.map((p, i) => {
      const body = upload.parts.get(p.partNumber);
      if (p.partNumber !== i + 1 || !body) throw new Error(`InvalidPart: part ${p.partNumber} was not uploaded`);
      if (`"${createHash('md5').update(body).digest('hex')}"` !== p.etag)
        throw new Error(`InvalidPart: part ${p.partNumber}'s ETag does not match`);
      if (i < parts.length - 1 && body.length < this.minPartBytes)
        throw new Error(`EntityTooSmall: part ${p.partNumber} has ${body.length} bytes`);
      return body;
    });
    this.objects.set(upload.key, Buffer.concat(bodies));
    this.uploads.delete(uploadId);
  }

  async exists(key: string): Promise<boolean> {
    return this.objects.has(key);
  }

  private upload(key: string, uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.key !== key) throw new Error(`NoSuchUpload: ${uploadId}`);
    return upload;
  }
}
