import type { Case } from '../../core/case';
import { IdempotencyKeyHeader, IfMatchHeader } from '../schemas/api/requests';
import type { HttpRequest } from './route';
import { etagOf, json, type ApiResponse } from './response';

/** The write preconditions a request carries: `Idempotency-Key` and `If-Match`, checked. */
export function writeOptions(req: Pick<HttpRequest, 'headers'>): {
  idempotencyKey?: string;
  expectedVersions?: readonly number[];
} {
  const key = req.headers['idempotency-key'];
  const ifMatch = req.headers['if-match'];
  const expectedVersions = ifMatch === undefined ? undefined : IfMatchHeader.parse(ifMatch);
  return {
    ...(key !== undefined ? { idempotencyKey: IdempotencyKeyHeader.parse(key) } : {}),
    ...(expectedVersions !== undefined ? { expectedVersions } : {}),
  };
}

/**
 * The answer to a write on a case: the case with its new ETag. A replay answers as the original did,
 * marked so a client can tell (Idempotency-Key draft, §2.6).
 */
export function writtenCase(status: number, result: { readonly case: Case; readonly replayed?: boolean }): ApiResponse {
  return json(status, result, {
    etag: etagOf(result.case.version),
    ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}),
  });
}
