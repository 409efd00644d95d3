import { DynamoExportJobStore } from '../adapters/dynamodb/export-job-store';
import { DynamoReportStore } from '../adapters/dynamodb/report-store';
import { S3PartUploads } from '../adapters/s3-part-uploads';
import type { ExportWorkerDeps } from '../app/records/run-export-job';
import { ConfigError } from '../core/errors';
import { clients } from './clients';
import { container } from './container';
import { memoiseAsync } from './memoise';

/** The exports worker's ports: its container plus the job store, the index reader and the part uploads. */
export const exportsDeps = memoiseAsync(async (): Promise<ExportWorkerDeps> => {
  const c = await container('exports');
  const { mailBucket, mailRetentionDays, tableName } = c.config;
  // The catalogue gives the worker exports/ with retention, so its config requires both.
  if (!mailBucket || !mailRetentionDays)
    throw new ConfigError('the exports worker needs MAIL_BUCKET and MAIL_RETENTION_DAYS');
  return {
    exportJobs: new DynamoExportJobStore(clients().dynamo, tableName),
    reports: new DynamoReportStore(clients().dynamo, tableName),
    repo: c.repo,
    uploads: new S3PartUploads(clients().s3, mailBucket, mailRetentionDays),
    blobs: c.blobs,
    exportSigner: c.exportSigner,
    queue: c.queue,
    clock: c.clock,
  };
});
