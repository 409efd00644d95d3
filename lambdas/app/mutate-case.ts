import { chainEvents, type AuditEvent } from '../core/audit-chain';
import type { Case } from '../core/case';
import { ConcurrencyError, DuplicateError, NotFoundError } from '../core/errors';
import type { CaseMessage } from '../core/message';
import type { CaseRepository, PendingReferences } from '../core/ports';
import { aggregateDelta, regroups } from '../core/reports/aggregates';
import type { TrackingNumber } from '../core/tracking-number';
import type { DeadlinePlanner, DeadlineTrigger } from './deps';

/** An audit event before it is chained (sequence number and hashes are added on commit). */
export interface EventSpec {
  readonly at: string;
  readonly actor: string;
  readonly type: string;
  readonly data?: Record<string, unknown>;
}

/** One change to a case as a use case decides it; `commitCaseEdit` turns it into the next version. */
export interface CaseEdit {
  /** The case with this change's own fields set; version, audit head, `updatedAt` and the plan are set on commit. */
  readonly case: Case;
  /** Chained after the case's head. A function sees the case after re-planning (events about a moved date). */
  readonly events: readonly EventSpec[] | ((planned: Case) => readonly EventSpec[]);
  /** Re-plan the deadlines after this trigger; the plan's fields are merged with `mergePlan`. */
  readonly replan?: DeadlineTrigger;
  readonly messages?: readonly CaseMessage[];
  readonly messageIdLinks?: readonly string[];
  readonly idempotencyKeys?: readonly string[];
  readonly pendingReferences?: PendingReferences;
}

/** The version a commit wrote, and the audit events it appended. */
export interface CommittedEdit {
  readonly case: Case;
  readonly events: readonly AuditEvent[];
}

export type PlanResult = Awaited<ReturnType<DeadlinePlanner>>;

/**
 * The one rule for storing a plan on a case: deadlines are replaced; the estimated resolution date and the
 * policy version are replaced when the plan has them and kept otherwise (a resolved case has no deadlines
 * but keeps the date it was promised, which the SLA report compares `resolvedAt` with).
 */
export function mergePlan(c: Case, plan: PlanResult): Case {
  return {
    ...c,
    deadlines: plan.deadlines,
    ...(plan.estimatedResolutionAt ? { estimatedResolutionAt: plan.estimatedResolutionAt } : {}),
    ...(plan.slaPolicyVersion ? { slaPolicyVersion: plan.slaPolicyVersion } : {}),
  };
}

/**
 * Commits one edit of `current` as its next version, in one transaction: version + 1, `updatedAt`, the
 * deadlines re-planned (when asked), the audit events chained, the report counters moved by the difference
 * between the two versions, guarded by the version read. Throws
 * `ConcurrencyError` when the case moved on and `DuplicateError` when an idempotency key was used.
 */
export async function commitCaseEdit(
  deps: {
    readonly repo: Pick<CaseRepository, 'commit'> & Partial<Pick<CaseRepository, 'listEvents'>>;
    readonly planDeadlines?: DeadlinePlanner;
  },
  current: Case,
  edit: CaseEdit,
  now: Date,
): Promise<CommittedEdit> {
  let next: Case = { ...edit.case, updatedAt: now.toISOString(), version: current.version + 1 };
  if (edit.replan) {
    if (!deps.planDeadlines) throw new Error(`re-planning after ${edit.replan} needs a deadline planner`);
    next = mergePlan(next, await deps.planDeadlines(next, edit.replan, now));
  }
  const specs = typeof edit.events === 'function' ? edit.events(next) : edit.events;
  const { events, head } = chainEvents(current, specs);
  // Only the head's two fields: with no events, `head` is `current` itself.
  next = { ...next, eventSeq: head.eventSeq, lastEventHash: head.lastEventHash };
  // A change of type, topic or day received moves the case's past reply tallies to its new report groups.
  let past: readonly AuditEvent[] | undefined;
  if (regroups(current, next)) {
    if (!deps.repo.listEvents)
      throw new Error(`moving case ${current.tracking} between report groups needs listEvents`);
    past = await deps.repo.listEvents(current.tracking);
  }
  await deps.repo.commit({
    case: next,
    expectedVersion: current.version,
    events,
    ...(edit.messages ? { messages: edit.messages } : {}),
    ...(edit.messageIdLinks ? { messageIdLinks: edit.messageIdLinks } : {}),
    ...(edit.idempotencyKeys ? { idempotencyKeys: edit.idempotencyKeys } : {}),
    ...(edit.pendingReferences ? { pendingReferences: edit.pendingReferences } : {}),
    aggregates: aggregateDelta(current, next, events, past),
  });
  return { case: next, events };
}

export interface MutateOptions<T> {
  /**
   * Reads (and attempts) before a `ConcurrencyError` is rethrown. 1 when the caller's own caller retries
   * (an SQS redelivery, an API client with `If-Match`).
   */
  readonly attempts: number;
  /** The case as already read, used for the first attempt (saves a read). */
  readonly first?: Case;
  /** The answer when the case does not exist; without it, `NotFoundError`. */
  readonly onMissing?: () => T | Promise<T>;
  /** The answer when an idempotency key of the change was used before; without it, the `DuplicateError` is thrown. */
  readonly onDuplicate?: () => T | Promise<T>;
}

/**
 * Read-modify-commit with optimistic concurrency: reads the case, runs `change` (which decides and calls
 * `commitCaseEdit`), and on a concurrent write re-reads and runs it again, up to `attempts` times. Every
 * attempt sees a fresh read, so `change` must decide from `current` alone.
 */
export async function mutateCase<T>(
  repo: Pick<CaseRepository, 'getCase'>,
  tracking: TrackingNumber,
  change: (current: Case) => Promise<T>,
  opts: MutateOptions<T>,
): Promise<T> {
  let current = opts.first;
  for (let attempt = 1; ; attempt++) {
    current ??= await repo.getCase(tracking);
    if (!current) {
      if (opts.onMissing) return opts.onMissing();
      throw new NotFoundError(`no case ${tracking}`);
    }
    try {
      return await change(current);
    } catch (err) {
      if (err instanceof DuplicateError && opts.onDuplicate) return opts.onDuplicate();
      if (err instanceof ConcurrencyError && attempt < opts.attempts) {
        current = undefined;
        continue;
      }
      throw err;
    }
  }
}
