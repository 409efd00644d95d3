import type { NoticeStore } from '../../core/ports';
import type { ReportStore } from '../../core/reports/report-store';
import type { AppDeps } from '../deps';
import type { Principal } from './auth';

/** What a route's use case receives: the parsed parts of the HTTP request, nothing AWS-shaped. */
export interface ApiRequest {
  readonly principal?: Principal;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Parsed JSON body, or undefined when there was none. */
  readonly body: unknown;
}

/** The ports the API's use cases use. */
export type ApiDeps = Pick<
  AppDeps,
  'repo' | 'queue' | 'clock' | 'ids' | 'profile' | 'planDeadlines' | 'signingSecret'
> & {
  readonly notices: NoticeStore;
  readonly reports: ReportStore;
};

/** The principal of an authenticated route (the router guarantees one). */
export function principalOf(req: ApiRequest): Principal {
  if (!req.principal) throw new Error('route declared public but used a principal');
  return req.principal;
}
