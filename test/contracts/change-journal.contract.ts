import { chainEvent } from '../../lambdas/core/audit-chain';
import { hourOf } from '../../lambdas/core/audit-manifest';
import type { CaseRepository, ChangeJournal } from '../../lambdas/core/ports';
import { aCase } from '../support/case-fixture';

/** A repository and the journal its commits feed, on a clock the suite sets. */
export interface JournalledRepository {
  readonly repo: CaseRepository;
  readonly journal: ChangeJournal;
}

/**
 * What the change journal must hold, run against the DynamoDB adapters (the repository writes the journal
 * item in the case's transaction) and the in-memory repository: every case whose audit chain moved in an
 * hour, once, and no case whose change carried no event.
 */
export function changeJournalContract(
  name: string,
  make: (now: () => Date) => Promise<JournalledRepository> | JournalledRepository,
): void {
  describe(`ChangeJournal contract: ${name}`, () => {
    let now = new Date('2026-04-07T09:30:00.000Z');
    let store: JournalledRepository;
    beforeAll(async () => {
      store = await make(() => now);
    });

    /** Opens a case with its first event at the current clock. */
    async function open() {
      const c = aCase({ createdAt: now.toISOString(), updatedAt: now.toISOString() });
      const e = chainEvent(c, { at: c.createdAt, actor: 'customer', type: 'case_opened' });
      await store.repo.commit({
        case: { ...c, eventSeq: e.seq, lastEventHash: e.hash },
        expectedVersion: null,
        events: [e],
      });
      return { ...c, eventSeq: e.seq, lastEventHash: e.hash };
    }

    it('lists each case whose chain moved in the hour once, and only in that hour', async () => {
      now = new Date('2026-04-07T09:30:00.000Z');
      const a = await open();
      const b = await open();
      now = new Date('2026-04-07T09:59:59.000Z');
      const e = chainEvent(a, { at: now.toISOString(), actor: 'alice.agent', type: 'note_added' });
      await store.repo.commit({
        case: { ...a, version: 2, eventSeq: e.seq, lastEventHash: e.hash },
        expectedVersion: 1,
        events: [e],
      });
      now = new Date('2026-04-07T10:00:00.000Z');
      const c = await open();

      expect([...(await store.journal.changedIn('2026-04-07T09'))].sort()).toEqual([a.tracking, b.tracking].sort());
      expect(await store.journal.changedIn(hourOf(now))).toEqual([c.tracking]);
      expect(await store.journal.changedIn('2026-04-07T08')).toEqual([]);
    });

    it('does not list a case whose change carried no audit event', async () => {
      now = new Date('2026-04-08T12:00:00.000Z');
      const c = aCase({ createdAt: now.toISOString(), updatedAt: now.toISOString() });
      await store.repo.commit({ case: c, expectedVersion: null });
      expect(await store.journal.changedIn('2026-04-08T12')).toEqual([]);
    });
  });
}
