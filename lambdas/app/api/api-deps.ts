import type { SlaPolicy } from '../../core/sla/policy';
import type { DownloadLinks } from '../../core/attachment';
import type { ExportJobStore } from '../../core/export-job';
import type { AccessLog, MacroStore, NoticeStore } from '../../core/ports';
import type { ReportStore } from '../../core/reports/report-store';
import type { AppDeps } from '../deps';

/** The ports the API's use cases use. */
export type ApiDeps = Pick<
  AppDeps,
  'repo' | 'queue' | 'clock' | 'ids' | 'profile' | 'planDeadlines' | 'signingSecret' | 'exportSigner' | 'blobs'
> & {
  readonly notices: NoticeStore;
  readonly reports: ReportStore;
  readonly accessLog: AccessLog;
  readonly macros: MacroStore;
  /** The SLA policy (the mail preview states times as the mailer would). */
  readonly policy: SlaPolicy;
  /** One-object download links for stored attachments and export files. */
  readonly downloads: DownloadLinks;
  /** Export jobs (POST /exports). */
  readonly exportJobs: ExportJobStore;
};
