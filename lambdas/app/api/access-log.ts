import type { AccessRecord } from '../../core/access-log';
import type { ApiDeps } from './api-deps';

/** A page of the access log: who read which case, customer or export, and when (for auditors). */
export async function listAccess(
  q: { readonly from: string; readonly to: string; readonly limit: number; readonly cursor?: string },
  deps: Pick<ApiDeps, 'accessLog'>,
): Promise<{ readonly items: readonly AccessRecord[]; readonly cursor?: string }> {
  return deps.accessLog.list(q);
}
