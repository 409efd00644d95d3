import type { AccessLog, MacroStore, NoticeStore } from '../../core/ports';
import type { ReportStore } from '../../core/reports/report-store';
import type { AppDeps } from '../deps';

/** The ports the API's use cases use. */
export type ApiDeps = Pick<
  AppDeps,
  'repo' | 'queue' | 'clock' | 'ids' | 'profile' | 'planDeadlines' | 'signingSecret' | 'exportSigner'
> & {
  readonly notices: NoticeStore;
  readonly reports: ReportStore;
  readonly accessLog: AccessLog;
  readonly macros: MacroStore;
};
