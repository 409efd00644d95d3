import { createHash } from 'node:crypto';
import type { Case } from '../../core/case';
import { NotFoundError } from '../../core/errors';
import type { CaseRepository } from '../../core/ports';
import { parseTrackingNumber, type TrackingNumber } from '../../core/tracking-number';
import { mutateCase } from '../mutate-case';
import type { Principal } from './auth';
import { PreconditionFailedError } from './errors';
import type { ApiRequest } from './request';
import { IdempotencyKeyHeader } from './schemas';

/** Resolves a tracking number typed by a person (400 that says what is wrong) to its case (404 if none). */
export async function loadCase(repo: Pick<CaseRepository, 'getCase'>, raw: string): Promise<Case> {
  const tracking = parseTrackingNumber(decodeURIComponent(raw));
  const c = await repo.getCase(tracking);
  if (!c) throw new NotFoundError(`no case ${tracking}`);
  return c;
}

/** The idempotency key of an API write, scoped to the caller: `API#<sub>#<Idempotency-Key>`. */
export function apiIdempotencyKey(req: ApiRequest, p: Principal): string | undefined {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  return `API#${p.sub}#${IdempotencyKeyHeader.parse(raw)}`;
}

/** A stable id derived from an idempotency key, so a replay names the same message or notice. */
export const idFromKey = (key: string): string => createHash('sha256').update(key).digest('base64url').slice(0, 22);

/**
 * `If-Match` (RFC 9110 §13.1.1): the write proceeds only if the case still has the version the client
 * read. `*` matches any. A weak tag compares by its value.
 */
export function checkIfMatch(req: ApiRequest, c: Case): void {
  const header = req.headers['if-match'];
  if (header === undefined) return;
  const tags = header.split(',').map((t) => t.trim().replace(/^W\//, '').replace(/^"|"$/g, ''));
  if (tags.includes('*') || tags.includes(String(c.version))) return;
  throw new PreconditionFailedError(`the case is at version ${c.version}; fetch it again and retry`);
}

/** Outcome of a write: the case after it, and whether it was a replay of an earlier identical request. */
export interface WriteResult {
  readonly case: Case;
  readonly replayed: boolean;
}

/**
 * Runs a read-modify-commit step, re-reading and retrying once on a concurrent write (these writes do
 * not depend on what the other writer changed, e.g. the mailer recording a sent mail). A second conflict
 * surfaces as 409. A `DuplicateError` (the idempotency key was used) is a replay: `onReplay` answers it.
 */
export async function commitWithRetry(
  repo: Pick<CaseRepository, 'getCase'>,
  tracking: TrackingNumber,
  attempt: (current: Case) => Promise<Case>,
  onReplay: () => Promise<WriteResult>,
  first?: Case,
): Promise<WriteResult> {
  return mutateCase(repo, tracking, async (current) => ({ case: await attempt(current), replayed: false }), {
    attempts: 2,
    onDuplicate: onReplay,
    ...(first ? { first } : {}),
  });
}
