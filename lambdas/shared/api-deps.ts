import { S3DownloadLinks } from '../adapters/s3-download-links';
import { DynamoAccessLog } from '../adapters/dynamodb/access-log';
import { DynamoExportJobStore } from '../adapters/dynamodb/export-job-store';
import { DynamoMacroStore } from '../adapters/dynamodb/macro-store';
import { DynamoNoticeStore } from '../adapters/dynamodb/notice-store';
import { DynamoReportStore } from '../adapters/dynamodb/report-store';
import type { ApiDeps } from '../app/api/api-deps';
import { ConfigError } from '../core/errors';
import { clients } from './clients';
import { container } from './container';
import { memoiseAsync } from './memoise';

/** The API function's ports: the shared container plus the stores only the API uses, on the same table. */
export const apiDeps = memoiseAsync(async (): Promise<ApiDeps> => {
  const c = await container('api');
  // The catalogue gives the API the bucket (reads of attachments/, exports/ and bodies/ only: presigned
  // links and large message bodies), so its config requires MAIL_BUCKET.
  const bucket = c.config.mailBucket;
  if (!bucket) throw new ConfigError('environment variable MAIL_BUCKET is required');
  return {
    ...c,
    notices: new DynamoNoticeStore(clients().dynamo, c.config.tableName, () => c.clock.now()),
    reports: new DynamoReportStore(clients().dynamo, c.config.tableName),
    accessLog: new DynamoAccessLog(clients().dynamo, c.config.tableName),
    macros: new DynamoMacroStore(clients().dynamo, c.config.tableName),
    downloads: new S3DownloadLinks(clients().s3, bucket),
    exportJobs: new DynamoExportJobStore(clients().dynamo, c.config.tableName),
  };
});
