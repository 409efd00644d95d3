import { accessRecord } from '../../core/access-log';
import type { DownloadLinks } from '../../core/attachment';
import { NotFoundError, ValidationError } from '../../core/errors';
import { exportObjectKey, type ExportJob, type ExportJobMessage, type ExportJobStore } from '../../core/export-job';
import { GENESIS_HASH } from '../../core/audit-chain';
import type { AccessLog, Clock, Ids, Queue } from '../../core/ports';
import type { Actor } from './actor';

/** How long an export's download link works: a few minutes to start a download of a large file. */
export const EXPORT_LINK_SECONDS = 300;

/** The longest range one job exports (seven years of records and a bit). */
export const MAX_JOB_RANGE_DAYS = 2600;

export interface StartExportCommand {
  readonly actor: Actor;
  readonly from: string;
  readonly to: string;
  readonly customer?: string;
}

/** What `POST /exports` and `GET /exports/{id}` answer. */
export interface ExportJobView {
  readonly id: string;
  readonly status: ExportJob['status'];
  readonly selection: ExportJob['selection'];
  readonly requestedBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly progress: {
    /** Index pages read. */
    readonly pagesDone: number;
    /** Cases and records (cases, messages, events) put into the file. */
    readonly cases: number;
    readonly records: number;
    /** Parts and bytes of the file uploaded so far. */
    readonly partsUploaded: number;
    readonly bytesUploaded: number;
  };
  readonly error?: string;
  /** When done: a short-lived link that downloads exactly this job's file. */
  readonly download?: { readonly url: string; readonly expiresAt: string; readonly lastHash: string };
}

export interface ExportJobDeps {
  readonly exportJobs: ExportJobStore;
  readonly queue: Queue;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly accessLog: AccessLog;
  readonly downloads: DownloadLinks;
}

function view(job: ExportJob, download?: ExportJobView['download']): ExportJobView {
  const c = job.checkpoint;
  return {
    id: job.id,
    status: job.status,
    selection: job.selection,
    requestedBy: job.requestedBy,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    progress: {
      pagesDone: job.pagesDone,
      cases: job.casesDone,
      records: job.recordsDone,
      partsUploaded: c.parts.length,
      bytesUploaded: c.bytes,
    },
    ...(job.error ? { error: job.error } : {}),
    ...(download ? { download } : {}),
  };
}

/**
 * Starts an export of the cases created in [from, to): records the job (queued) and queues it for the
 * exports worker, which writes the file into the locked bucket page by page. The request is an export of
 * records and goes to the access log first.
 */
export async function startExportJob(
  cmd: StartExportCommand,
  deps: Pick<ExportJobDeps, 'exportJobs' | 'queue' | 'clock' | 'ids' | 'accessLog'>,
): Promise<ExportJobView> {
  if (!(cmd.from < cmd.to)) throw new ValidationError('from must be before to');
  if (Date.parse(cmd.to) - Date.parse(cmd.from) > MAX_JOB_RANGE_DAYS * 86400_000)
    throw new ValidationError(`an export job covers at most ${MAX_JOB_RANGE_DAYS} days`);
  const now = deps.clock.now();
  const id = deps.ids.id();
  const selection = { from: cmd.from, to: cmd.to, ...(cmd.customer ? { customer: cmd.customer } : {}) };
  await deps.accessLog.record(
    accessRecord({
      at: now,
      actor: cmd.actor.sub,
      action: 'export',
      target: new URLSearchParams({ job: id, ...selection }).toString(),
    }),
  );
  const job: ExportJob = {
    id,
    status: 'queued',
    selection,
    requestedBy: cmd.actor.sub,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    pagesDone: 0,
    casesDone: 0,
    recordsDone: 0,
    runs: 0,
    checkpoint: { chainHead: GENESIS_HASH, counts: { cases: 0, messages: 0, events: 0 }, bytes: 0, parts: [] },
  };
  await deps.exportJobs.create(job);
  const message: ExportJobMessage = { type: 'export_job', jobId: id };
  await deps.queue.send('exports', message);
  return view(job);
}

/**
 * A job's progress, and once it is done a link that downloads its file for {@link EXPORT_LINK_SECONDS}
 * (handing out the link is a read of the records: access log).
 */
export async function getExportJob(
  q: { readonly actor: Actor; readonly id: string },
  deps: Pick<ExportJobDeps, 'exportJobs' | 'clock' | 'accessLog' | 'downloads'>,
): Promise<ExportJobView> {
  const job = await deps.exportJobs.get(q.id);
  if (!job) throw new NotFoundError(`there is no export job ${q.id}`);
  if (job.status !== 'done' || !job.objectKey || !job.lastHash) return view(job);
  const now = deps.clock.now();
  await deps.accessLog.record(
    accessRecord({ at: now, actor: q.actor.sub, action: 'export', target: `job=${job.id}&download` }),
  );
  const url = await deps.downloads.linkTo(exportObjectKey(job.id), {
    expiresInSeconds: EXPORT_LINK_SECONDS,
    filename: `docket-export-${job.id}.ndjson`,
  });
  return view(job, {
    url,
    expiresAt: new Date(now.getTime() + EXPORT_LINK_SECONDS * 1000).toISOString(),
    lastHash: job.lastHash,
  });
}
