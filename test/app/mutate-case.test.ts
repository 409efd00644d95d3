import { commitCaseEdit, mergePlan, mutateCase } from '../../lambdas/app/mutate-case';
import type { DeadlinePlanner } from '../../lambdas/app/deps';
import { findBrokenLink, type AuditEvent } from '../../lambdas/core/audit-chain';
import type { Case } from '../../lambdas/core/case';
import { ConcurrencyError, DuplicateError, NotFoundError } from '../../lambdas/core/errors';
import type { CaseChange, CaseRepository } from '../../lambdas/core/ports';
import type { TrackingNumber } from '../../lambdas/core/tracking-number';
import { aCase } from '../support/case-fixture';

const TRACKING = 'K7QM-4TZX-P9HC' as TrackingNumber;
const T0 = '2026-03-02T14:00:00.000Z';
const NOW = new Date('2026-03-02T15:00:00.000Z');

const baseCase: Case = aCase({
  tracking: TRACKING,
  status: 'open',
  customer: { address: 'ana@customer.example', kind: 'individual' },
  participants: ['ana@customer.example'],
  createdAt: T0,
  updatedAt: T0,
  estimatedResolutionAt: '2026-03-10T14:00:00.000Z',
  slaPolicyVersion: 'old',
  deadlines: { resolution: { dueAt: '2026-03-10T14:00:00.000Z', id: 'r1' } },
});

/** Just enough of the repository for a unit of work: a versioned record, conditional commits, used keys. */
class VersionedCases implements Pick<CaseRepository, 'getCase' | 'commit'> {
  readonly events: AuditEvent[] = [];
  readonly keys = new Set<string>();
  reads = 0;
  constructor(public stored: Case | undefined) {}
  async getCase(): Promise<Case | undefined> {
    this.reads += 1;
    return this.stored;
  }
  async commit(change: CaseChange): Promise<void> {
    if (change.idempotencyKeys?.some((k) => this.keys.has(k))) throw new DuplicateError('key used');
    if (this.stored?.version !== change.expectedVersion) throw new ConcurrencyError('version moved');
    this.stored = change.case;
    this.events.push(...(change.events ?? []));
    for (const k of change.idempotencyKeys ?? []) this.keys.add(k);
  }
}

const noteEdit = (current: Case, text: string) => ({
  case: { ...current, flags: [...current.flags, text] },
  events: [{ at: NOW.toISOString(), actor: 'agent', type: 'note_added', data: { text } }],
});

describe('commitCaseEdit', () => {
  it('writes the next version with updatedAt and the audit events chained from the case head', async () => {
    const repo = new VersionedCases(baseCase);
    const { case: next, events } = await commitCaseEdit({ repo }, baseCase, noteEdit(baseCase, 'a'), NOW);
    expect(next).toMatchObject({ version: 2, updatedAt: NOW.toISOString(), eventSeq: 1, flags: ['a'] });
    expect(next.lastEventHash).toBe(events[0]!.hash);
    expect(findBrokenLink(repo.events)).toBeUndefined();
    expect(repo.stored).toEqual(next);
  });

  it('stores every field of a re-plan, and keeps the promised date when the plan has none (resolved)', async () => {
    const planner: DeadlinePlanner = async () => ({ deadlines: {}, slaPolicyVersion: 'new' });
    const repo = new VersionedCases(baseCase);
    const { case: next } = await commitCaseEdit(
      { repo, planDeadlines: planner },
      baseCase,
      { case: { ...baseCase, status: 'resolved' }, events: [], replan: 'resolved' },
      NOW,
    );
    expect(next).toMatchObject({
      deadlines: {},
      slaPolicyVersion: 'new',
      estimatedResolutionAt: baseCase.estimatedResolutionAt,
    });
  });

  it('lets the events see the re-planned case', async () => {
    const planner: DeadlinePlanner = async (c) => ({
      deadlines: c.deadlines,
      estimatedResolutionAt: '2026-03-12T14:00:00.000Z',
      slaPolicyVersion: 'new',
    });
    const repo = new VersionedCases(baseCase);
    await commitCaseEdit(
      { repo, planDeadlines: planner },
      baseCase,
      {
        case: baseCase,
        replan: 'escalated',
        events: (planned) => [
          { at: NOW.toISOString(), actor: 'system', type: 'moved', data: { to: planned.estimatedResolutionAt } },
        ],
      },
      NOW,
    );
    expect(repo.events.map((e) => e.data)).toEqual([{ to: '2026-03-12T14:00:00.000Z' }]);
  });

  it('refuses to re-plan without a planner instead of skipping the plan', async () => {
    const repo = new VersionedCases(baseCase);
    await expect(
      commitCaseEdit({ repo }, baseCase, { case: baseCase, events: [], replan: 'status_changed' }, NOW),
    ).rejects.toThrow(/planner/);
    expect(repo.stored).toBe(baseCase);
  });
});

describe('mergePlan', () => {
  it('replaces the deadlines and the plan fields the plan has', () => {
    const merged = mergePlan(baseCase, {
      deadlines: {},
      estimatedResolutionAt: '2026-03-11T00:00:00.000Z',
      slaPolicyVersion: 'new',
    });
    expect(merged).toMatchObject({
      deadlines: {},
      estimatedResolutionAt: '2026-03-11T00:00:00.000Z',
      slaPolicyVersion: 'new',
    });
  });
});

describe('mutateCase', () => {
  it('re-reads and decides again when another writer committed in between, and keeps both changes', async () => {
    const repo = new VersionedCases(baseCase);
    let attempts = 0;
    const result = await mutateCase(
      repo,
      TRACKING,
      async (current) => {
        attempts += 1;
        // The concurrent writer (say the mailer recording a sent mail) commits after our read.
        if (attempts === 1) await commitCaseEdit({ repo }, current, noteEdit(current, 'theirs'), NOW);
        return (await commitCaseEdit({ repo }, current, noteEdit(current, 'ours'), NOW)).case;
      },
      { attempts: 2 },
    );
    expect(attempts).toBe(2);
    expect(result).toMatchObject({ version: 3, eventSeq: 2, flags: ['theirs', 'ours'] });
    expect(findBrokenLink(repo.events)).toBeUndefined();
  });

  it('gives up with the ConcurrencyError after its attempts', async () => {
    const repo = new VersionedCases(baseCase);
    const change = async (current: Case) => {
      await commitCaseEdit({ repo }, current, noteEdit(current, 'theirs'), NOW);
      return commitCaseEdit({ repo }, current, noteEdit(current, 'ours'), NOW);
    };
    await expect(mutateCase(repo, TRACKING, change, { attempts: 3 })).rejects.toBeInstanceOf(ConcurrencyError);
    expect(repo.reads).toBe(3);
  });

  it('uses the case already read for the first attempt', async () => {
    const repo = new VersionedCases(baseCase);
    await mutateCase(repo, TRACKING, async (c) => commitCaseEdit({ repo }, c, noteEdit(c, 'a'), NOW), {
      attempts: 1,
      first: baseCase,
    });
    expect(repo.reads).toBe(0);
  });

  it('answers a used idempotency key with onDuplicate and a missing case with onMissing (or NotFoundError)', async () => {
    const repo = new VersionedCases(baseCase);
    repo.keys.add('K');
    const keyed = async (c: Case) =>
      commitCaseEdit({ repo }, c, { ...noteEdit(c, 'a'), idempotencyKeys: ['K'] }, NOW).then(() => 'done');
    expect(await mutateCase(repo, TRACKING, keyed, { attempts: 2, onDuplicate: () => 'replayed' })).toBe('replayed');
    await expect(mutateCase(repo, TRACKING, keyed, { attempts: 2 })).rejects.toBeInstanceOf(DuplicateError);
    const empty = new VersionedCases(undefined);
    expect(await mutateCase(empty, TRACKING, keyed, { attempts: 2, onMissing: () => 'gone' })).toBe('gone');
    await expect(mutateCase(empty, TRACKING, keyed, { attempts: 2 })).rejects.toBeInstanceOf(NotFoundError);
  });
});
