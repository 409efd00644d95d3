import {
  assertTransition,
  CASE_TYPES,
  isWaitingOnUs,
  type Case,
  type CaseStatus,
  type CaseType,
  type Priority,
  type Topic,
} from '../../core/case';
import { ValidationError } from '../../core/errors';
import { armDeadlines } from '../arm-deadlines';
import type { DeadlineTrigger } from '../deps';
import { commitCaseEdit } from '../mutate-case';
import { AWAITING_FIRST_RESPONSE } from '../stats';
import type { ApiDeps } from './api-deps';
import { checkExpectedVersion, loadCase, type CaseCommand } from './case-access';

/** The fields a person may change on a case (at least one). */
export interface CasePatch {
  readonly status?: CaseStatus;
  /** `null` unassigns. */
  readonly assignee?: string | null;
  readonly priority?: Priority;
  /** Either a type (request, complaint) or a topic; `type` and `topic` set one explicitly. */
  readonly category?: CaseType | Topic;
  readonly type?: CaseType;
  readonly topic?: Topic;
}

export interface PatchCaseCommand extends CaseCommand {
  readonly patch: CasePatch;
}

function applyPatch(
  c: Case,
  b: CasePatch,
  at: string,
): { next: Case; changes: Record<string, { from: unknown; to: unknown }> } {
  let type: CaseType | undefined = b.type;
  let topic: Topic | undefined = b.topic;
  if (b.category) {
    if ((CASE_TYPES as readonly string[]).includes(b.category)) type ??= b.category as CaseType;
    else topic ??= b.category as Topic;
  }
  const wanted: Partial<Case> = {
    ...(b.status ? { status: b.status } : {}),
    ...(b.priority ? { priority: b.priority } : {}),
    ...(type ? { type } : {}),
    ...(topic ? { topic } : {}),
  };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  let next: Case = { ...c };
  for (const [k, v] of Object.entries(wanted)) {
    const key = k as keyof Case;
    if (c[key] !== v) {
      changes[k] = { from: c[key], to: v };
      next = { ...next, [k]: v };
    }
  }
  if (b.assignee !== undefined && (b.assignee ?? undefined) !== c.assignee) {
    changes.assignee = { from: c.assignee ?? null, to: b.assignee };
    const { assignee: _old, ...rest } = next;
    next = b.assignee === null ? rest : { ...rest, assignee: b.assignee };
  }
  if (changes.status) {
    if (b.status === 'closed') next = { ...next, closedAt: at };
    if (c.status === 'resolved' && b.status === 'open') {
      // Reopened: the resolution stays in the audit trail, not on the live case.
      const { resolvedAt: _r, resolution: _res, ...rest } = next;
      next = rest;
    }
  }
  return { next, changes };
}

/**
 * Changes status, assignee, priority or category. Transitions follow the lifecycle (an illegal one is
 * 409); resolving needs an explanation, so it has its own use case. With expected versions the change is
 * conditional (412 when the case moved on); without, a conflict is a 409.
 */
export async function patchCase(
  cmd: PatchCaseCommand,
  deps: Pick<ApiDeps, 'repo' | 'queue' | 'clock' | 'planDeadlines'>,
): Promise<{ readonly case: Case }> {
  const p = cmd.actor;
  const body = cmd.patch;
  if (body.status === 'resolved')
    throw new ValidationError('resolve a case with POST /cases/{tracking}/resolve (an explanation is required)');
  const current = await loadCase(deps.repo, cmd.tracking);
  checkExpectedVersion(cmd.expectedVersions, current);
  if (body.status && body.status !== current.status) assertTransition(current.status, body.status);
  const now = deps.clock.now();
  const at = now.toISOString();
  const { next: patched, changes } = applyPatch(current, body, at);
  if (Object.keys(changes).length === 0) return { case: current };
  const specs = Object.entries(changes).map(([field, ch]) =>
    field === 'status'
      ? { at, actor: p.sub, type: 'status_changed', data: { from: ch.from, to: ch.to, why: 'agent' } }
      : { at, actor: p.sub, type: 'case_updated', data: { field, from: ch.from ?? null, to: ch.to ?? null } },
  );
  // Priority and category change targets, status changes which clocks run: re-plan either way.
  const trigger: DeadlineTrigger = body.status === 'closed' && changes.status ? 'closed' : 'status_changed';
  const { case: next } = await commitCaseEdit(deps, current, { case: patched, events: specs, replan: trigger }, now);
  // A case closed before anyone answered no longer waits for a first response.
  if (
    changes.status &&
    !current.firstResponseAt &&
    isWaitingOnUs(current.status) &&
    !isWaitingOnUs(next.status) &&
    next.status === 'closed'
  ) {
    await deps.repo.incrementCounter(AWAITING_FIRST_RESPONSE, undefined, -1);
  }
  await armDeadlines(deps.queue, next, current.deadlines, now);
  return { case: next };
}
