import type { Case } from './case';

/**
 * A record export of a date range as a job (docs/adr/0011-exports-as-jobs.md): the API records the job and
 * queues it; the exports worker pages through the cases created in the range and streams the same
 * hash-chained, signed NDJSON as `GET /export` (export-chain.ts) into one Object-Locked object, as a
 * multipart upload cut at case boundaries. After every uploaded part the job stores a checkpoint (the
 * last case written, the chain's head, the counts and the parts so far), so a worker that nears its
 * time limit, or crashes, is continued from the checkpoint by the next queue message.
 */

/** Key prefix of export files in the mail bucket. */
export const EXPORT_KEY_PREFIX = 'exports/';

/** Where the export file of job `id` is stored. */
export const exportObjectKey = (id: string): string => `${EXPORT_KEY_PREFIX}${id}.ndjson`;

export const EXPORT_JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ExportJobStatus = (typeof EXPORT_JOB_STATUSES)[number];

/** What a job exports: the cases created in [from, to) (ISO instants), optionally only one customer's. */
export interface ExportJobSelection {
  readonly from: string;
  readonly to: string;
  readonly customer?: string;
}

/** One uploaded part of the file. */
export interface UploadedPart {
  readonly partNumber: number;
  readonly etag: string;
  /** SHA-256 of the part, base64 (S3 wants a checksum on every Object Lock write). */
  readonly checksumSha256: string;
}

/** Where the worker stands: everything up to and including case `after` is in the uploaded parts. */
export interface ExportCheckpoint {
  /** Index key (`<createdAt>#<tracking>`) of the last case in the uploaded parts; absent before the first. */
  readonly after?: string;
  /** Hash of the last line in the uploaded parts (the next line's prevHash). */
  readonly chainHead: string;
  readonly counts: { readonly cases: number; readonly messages: number; readonly events: number };
  /** Bytes in the uploaded parts. */
  readonly bytes: number;
  readonly parts: readonly UploadedPart[];
}

export interface ExportJob {
  readonly id: string;
  readonly status: ExportJobStatus;
  readonly selection: ExportJobSelection;
  /** Who asked (the access log names them too). */
  readonly requestedBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Index pages read so far (progress). */
  readonly pagesDone: number;
  /** Cases and records (cases, messages, events) put into the file so far, uploaded or about to be (progress). */
  readonly casesDone: number;
  readonly recordsDone: number;
  /** Worker invocations so far (each continues the one before). */
  readonly runs: number;
  /** The multipart upload, once started. */
  readonly uploadId?: string;
  readonly checkpoint: ExportCheckpoint;
  /** Set when done: the file in the mail bucket. */
  readonly objectKey?: string;
  /** Set when done: the summary line's hash, to compare with the downloaded file. */
  readonly lastHash?: string;
  readonly error?: string;
}

/** Records written so far (cases, messages and events; the summary line is not counted). */
export const recordsWritten = (c: ExportCheckpoint['counts']): number => c.cases + c.messages + c.events;

/** The index key a job's cursor is made of: creation time, then tracking number (unique, ordered). */
export const exportCaseKey = (c: Pick<Case, 'createdAt' | 'tracking'>): string => `${c.createdAt}#${c.tracking}`;

/** The queue message that starts or continues a job: the job's own record holds where it stands. */
export interface ExportJobMessage {
  readonly type: 'export_job';
  readonly jobId: string;
}

/** Export jobs (port; DynamoDB on AWS). */
export interface ExportJobStore {
  /** Stores a new job; `ConcurrencyError` when the id exists. */
  create(job: ExportJob): Promise<void>;
  get(id: string): Promise<ExportJob | undefined>;
  /**
   * Replaces the job with `next` if it still has `expectedRuns` runs and `expectedParts` parts in its
   * checkpoint (so a stale worker cannot move it backwards); `ConcurrencyError` otherwise.
   */
  update(next: ExportJob, expected: { readonly runs: number; readonly parts: number }): Promise<void>;
}

/**
 * One object written in parts (port; an S3 multipart upload with compliance retention on AWS). Every
 * part but the last must be at least {@link MIN_PART_BYTES}.
 */
export interface PartUploads {
  /**
   * Starts the upload of `key`; the object gets the store's compliance retention (records retention, as
   * raw mail) from its creation. Returns the upload id.
   */
  start(key: string, contentType: string): Promise<string>;
  /** Uploads (or re-uploads) part `partNumber` (1-based). */
  uploadPart(key: string, uploadId: string, partNumber: number, body: Buffer): Promise<UploadedPart>;
  /** Joins the parts into the object. */
  complete(key: string, uploadId: string, parts: readonly UploadedPart[]): Promise<void>;
  /** Whether the object exists (a completion whose job update was lost). */
  exists(key: string): Promise<boolean>;
}

/** S3's smallest part (all but the last), 5 MiB. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
