import { ConcurrencyError } from '../../core/errors';
import { ExportChain } from '../../core/export-chain';
import {
  exportCaseKey,
  exportObjectKey,
  MIN_PART_BYTES,
  recordsWritten,
  type ExportCheckpoint,
  type ExportJob,
  type ExportJobMessage,
  type ExportJobStore,
  type PartUploads,
} from '../../core/export-job';
import type { ExportSigner } from '../../core/export-signature';
import type { BlobStore, CaseRepository, Clock, Queue } from '../../core/ports';
import type { ReportStore } from '../../core/reports/report-store';
import { exportCaseLines } from './export-case-lines';

/** Cases per index page: bounds what one read holds in memory (each case comes with its thread and events). */
export const EXPORT_PAGE_CASES = 100;
/**
 * Bytes per uploaded part. Memory holds at most one part (plus one case) of the file: 8 MiB of NDJSON
 * for any size of export, and 10,000 parts (S3's limit) make 80 GB, far beyond a year of a large exchange.
 */
export const EXPORT_PART_BYTES = 8 * 1024 * 1024;
/**
 * Time left at which an invocation stops reading and hands the job to the next one: enough for a page,
 * a part upload and the hand-over. Work after the last uploaded part is redone by the next invocation.
 */
export const EXPORT_RESERVE_MS = 60_000;

export interface ExportWorkerDeps {
  readonly exportJobs: ExportJobStore;
  readonly reports: Pick<ReportStore, 'casesCreatedPage'>;
  readonly repo: Pick<CaseRepository, 'listMessages' | 'listEvents' | 'acquireLease' | 'releaseLease'>;
  readonly uploads: PartUploads;
  /** Message bodies too large for their item (read back into the export). */
  readonly blobs: Pick<BlobStore, 'get'>;
  readonly exportSigner: ExportSigner;
  readonly queue: Pick<Queue, 'send'>;
  readonly clock: Clock;
}

export interface ExportRunOptions {
  /** Milliseconds this invocation has left (Lambda's `getRemainingTimeInMillis`). */
  readonly remainingMs: () => number;
  /** Identifies this invocation as the job's lease holder. */
  readonly holder: string;
  /** @default EXPORT_PAGE_CASES */
  readonly pageCases?: number;
  /** @default EXPORT_PART_BYTES (never below S3's 5 MiB on AWS; the local S3 emulator takes smaller parts) */
  readonly partBytes?: number;
  /** @default EXPORT_RESERVE_MS */
  readonly reserveMs?: number;
}

export type ExportRunOutcome = 'done' | 'continued' | 'skipped';

const leaseKey = (id: string): string => `export#${id}`;

/**
 * One invocation of the exports worker on job `jobId`: resumes from the job's checkpoint, reads the range
 * page by page, appends each case's lines to the hash chain, uploads a part whenever a part's worth is
 * ready (and records the checkpoint), and at the end appends the signed summary line, uploads the last
 * part and completes the object. Near its time limit it queues the job again and returns `continued`.
 *
 * One invocation at a time works a job (a lease on it): a second delivery of its message meanwhile throws
 * `ConcurrencyError`, so SQS delivers it again later, when it finds the job further on or done.
 */
export async function runExportJob(
  jobId: string,
  deps: ExportWorkerDeps,
  opts: ExportRunOptions,
): Promise<ExportRunOutcome> {
  const pageCases = opts.pageCases ?? EXPORT_PAGE_CASES;
  const partBytes = opts.partBytes ?? EXPORT_PART_BYTES;
  const reserveMs = opts.reserveMs ?? EXPORT_RESERVE_MS;
  const leaseUntil = new Date(deps.clock.now().getTime() + opts.remainingMs() + 30_000);
  if (!(await deps.repo.acquireLease(leaseKey(jobId), opts.holder, leaseUntil)))
    throw new ConcurrencyError(`export job ${jobId} is being worked by another invocation`);
  let handOver = false;
  try {
    const found = await deps.exportJobs.get(jobId);
    if (!found || found.status === 'done') return 'skipped';
    const key = exportObjectKey(jobId);
    let job: ExportJob = found;
    const save = async (next: ExportJob): Promise<void> => {
      await deps.exportJobs.update(next, { runs: job.runs, parts: job.checkpoint.parts.length });
      job = next;
    };
    const cp0 = job.checkpoint;
    await save({
      ...job,
      status: 'running',
      runs: job.runs + 1,
      uploadId: job.uploadId ?? (await deps.uploads.start(key, 'application/x-ndjson')),
      casesDone: cp0.counts.cases,
      recordsDone: recordsWritten(cp0.counts),
      updatedAt: deps.clock.now().toISOString(),
      error: undefined,
    });
    const uploadId = job.uploadId!;
    const { from, to, customer } = job.selection;
    const chain = new ExportChain(undefined, { head: cp0.chainHead, counts: cp0.counts });
    let pending: string[] = [];
    let pendingBytes = 0;
    let after = cp0.after;
    let more = true;

    const uploadPending = async (): Promise<ExportCheckpoint> => {
      const cp = job.checkpoint;
      const part = await deps.uploads.uploadPart(
        key,
        uploadId,
        cp.parts.length + 1,
        Buffer.from(pending.join(''), 'utf8'),
      );
      const next: ExportCheckpoint = {
        ...(after !== undefined ? { after } : {}),
        chainHead: chain.lastHash,
        counts: chain.recordCounts,
        bytes: cp.bytes + pendingBytes,
        parts: [...cp.parts, part],
      };
      pending = [];
      pendingBytes = 0;
      return next;
    };

    while (more) {
      if (opts.remainingMs() < reserveMs) {
        // Parts before S3's minimum cannot be uploaded early: what is pending is redone from the checkpoint.
        if (pendingBytes >= Math.min(MIN_PART_BYTES, partBytes))
          await save({ ...job, checkpoint: await uploadPending(), updatedAt: deps.clock.now().toISOString() });
        handOver = true;
        break;
      }
      const page = await deps.reports.casesCreatedPage({
        from,
        to,
        limit: pageCases,
        ...(after !== undefined ? { after } : {}),
      });
      more = page.more;
      for (const c of page.cases) {
        after = exportCaseKey(c);
        if (customer !== undefined && c.customer.address !== customer.toLowerCase()) continue;
        for (const line of await exportCaseLines(chain, c, deps)) {
          pending.push(line);
          pendingBytes += Buffer.byteLength(line, 'utf8');
        }
        if (pendingBytes >= partBytes)
          await save({ ...job, checkpoint: await uploadPending(), updatedAt: deps.clock.now().toISOString() });
      }
      const counts = chain.recordCounts;
      await save({
        ...job,
        pagesDone: job.pagesDone + 1,
        casesDone: counts.cases,
        recordsDone: recordsWritten(counts),
        updatedAt: deps.clock.now().toISOString(),
      });
    }
    if (handOver) return 'continued';

    pending.push(
      await chain.signedSummary(
        {
          generatedAt: deps.clock.now().toISOString(),
          selection: { from, to, ...(customer !== undefined ? { customer } : {}) },
          complete: true,
          job: jobId,
        },
        deps.exportSigner,
      ),
    );
    pendingBytes += Buffer.byteLength(pending[pending.length - 1]!, 'utf8');
    const last = await uploadPending();
    try {
      await deps.uploads.complete(key, uploadId, last.parts);
    } catch (err) {
      // An earlier invocation completed the object and lost the job update: the object stands as written.
      if (!(await deps.uploads.exists(key))) throw err;
    }
    await save({
      ...job,
      status: 'done',
      checkpoint: last,
      objectKey: key,
      lastHash: chain.lastHash,
      updatedAt: deps.clock.now().toISOString(),
    });
    return 'done';
  } finally {
    await deps.repo.releaseLease(leaseKey(jobId), opts.holder);
    // Queued only once the lease is free, so the next invocation finds the job free to take.
    if (handOver) await deps.queue.send('exports', { type: 'export_job', jobId } satisfies ExportJobMessage);
  }
}

/** Marks a job failed (its message goes to the dead-letter queue; a redrive resumes it from its checkpoint). */
export async function failExportJob(
  jobId: string,
  error: string,
  deps: Pick<ExportWorkerDeps, 'exportJobs' | 'clock'>,
): Promise<void> {
  const job = await deps.exportJobs.get(jobId);
  if (!job || job.status === 'done') return;
  await deps.exportJobs.update(
    { ...job, status: 'failed', error: error.slice(0, 500), updatedAt: deps.clock.now().toISOString() },
    { runs: job.runs, parts: job.checkpoint.parts.length },
  );
}
