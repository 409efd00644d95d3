import { createHash } from 'node:crypto';
import type { Case } from '../../core/case';
import { NotFoundError } from '../../core/errors';
import type { CaseRepository } from '../../core/ports';
import { parseTrackingNumber, type TrackingNumber } from '../../core/tracking-number';
import { mutateCase } from '../mutate-case';
import type { Actor } from './actor';
import { PreconditionFailedError } from './errors';

/** What every command that changes one case carries besides its own fields. */
export interface CaseCommand {
  readonly actor: Actor;
  /** The tracking number as the caller typed it (normalised and checked here). */
  readonly tracking: string;
  /** The client's idempotency key for this write, if it sent one. */
  readonly idempotencyKey?: string;
  /** Versions of the case the client accepts to change (from `If-Match`); absent: any. */
  readonly expectedVersions?: readonly number[];
}

/** Resolves a tracking number typed by a person (400 that says what is wrong) to its case (404 if none). */
export async function loadCase(repo: Pick<CaseRepository, 'getCase'>, raw: string): Promise<Case> {
  const tracking = parseTrackingNumber(raw);
  const c = await repo.getCase(tracking);
  if (!c) throw new NotFoundError(`no case ${tracking}`);
  return c;
}

/** The idempotency key of an API write, scoped to the caller: `API#<sub>#<key>`. */
export function scopedIdempotencyKey(cmd: { actor: Actor; idempotencyKey?: string }): string | undefined {
  return cmd.idempotencyKey === undefined ? undefined : `API#${cmd.actor.sub}#${cmd.idempotencyKey}`;
}

/** A stable id derived from an idempotency key, so a replay names the same message or notice. */
export const idFromKey = (key: string): string => createHash('sha256').update(key).digest('base64url').slice(0, 22);

/** Optimistic concurrency across a read and a write by a person: refuses when the case moved on. */
export function checkExpectedVersion(expected: readonly number[] | undefined, c: Case): void {
  if (expected === undefined || expected.includes(c.version)) return;
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
 * With expected versions, a re-read case must still have one of them (else the conflict is the caller's).
 */
export async function commitWithRetry(
  repo: Pick<CaseRepository, 'getCase'>,
  tracking: TrackingNumber,
  attempt: (current: Case) => Promise<Case>,
  onReplay: () => Promise<WriteResult>,
  first?: Case,
  expectedVersions?: readonly number[],
): Promise<WriteResult> {
  return mutateCase(
    repo,
    tracking,
    async (current) => {
      checkExpectedVersion(expectedVersions, current);
      return { case: await attempt(current), replayed: false };
    },
    { attempts: 2, onDuplicate: onReplay, ...(first ? { first } : {}) },
  );
}
