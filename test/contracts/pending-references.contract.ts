import type { Case } from '../../lambdas/core/case';
import { ConcurrencyError } from '../../lambdas/core/errors';
import type { CaseRepository, PendingReferences } from '../../lambdas/core/ports';
import { aCase as caseFixture } from '../support/case-fixture';

const SENDER = 'alice@customer.example';

function aCase(): Case {
  const at = new Date().toISOString();
  return caseFixture({
    customer: { address: SENDER, kind: 'individual' },
    participants: [SENDER],
    subject: 'Any news?',
    createdAt: at,
    updatedAt: at,
  });
}

let seq = 0;
/** A Message-ID no other test (nor an earlier run on the same table) used. */
const freshId = () => `${Date.now().toString(36)}.${process.pid}.${++seq}@mail.customer.example`;
const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();

function refs(messageIds: string[], extra: Partial<PendingReferences> = {}): PendingReferences {
  return { sender: SENDER, messageIds, expiresAt: inAnHour(), ...extra };
}

/**
 * What every CaseRepository must do with pending references (docs/adr/0007-pending-references.md), run
 * against the DynamoDB adapter on DynamoDB Local and against the in-memory fake.
 */
export function pendingReferencesContract(
  name: string,
  makeRepo: () => Promise<CaseRepository> | CaseRepository,
): void {
  describe(`pending references contract: ${name}`, () => {
    let repo: CaseRepository;
    beforeAll(async () => {
      repo = await makeRepo();
    });

    it('records references with the case change, readable by the same sender only (address case-insensitive)', async () => {
      const c = aCase();
      const [a, b, other] = [freshId(), freshId(), freshId()];
      await repo.commit({ case: c, expectedVersion: null, pendingReferences: refs([a, b]) });
      const found = await repo.findPendingReferences('Alice@Customer.example', [a, other, b]);
      expect([...found.entries()].sort()).toEqual(
        [
          [a, c.tracking],
          [b, c.tracking],
        ].sort(),
      );
      expect((await repo.findPendingReferences('mallory@customer.example', [a, b])).size).toBe(0);
    });

    it('refuses to record a reference to a Message-ID a case already links, and writes nothing of the change', async () => {
      const linked = aCase();
      const id = freshId();
      await repo.commit({ case: linked, expectedVersion: null, messageIdLinks: [id] });
      const late = aCase();
      await expect(
        repo.commit({ case: late, expectedVersion: null, pendingReferences: refs([id]) }),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await repo.getCase(late.tracking)).toBeUndefined();
      expect((await repo.findPendingReferences(SENDER, [id])).size).toBe(0);
    });

    it('keeps a reference with the first case that recorded it, and lets that case record it again', async () => {
      const first = aCase();
      const id = freshId();
      await repo.commit({ case: first, expectedVersion: null, pendingReferences: refs([id]) });
      await repo.commit({
        case: { ...first, version: 2 },
        expectedVersion: 1,
        pendingReferences: refs([id]),
      });
      const second = aCase();
      await expect(
        repo.commit({ case: second, expectedVersion: null, pendingReferences: refs([id]) }),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await repo.findPendingReferences(SENDER, [id])).get(id)).toBe(first.tracking);
    });

    it("refuses a new case whose own Message-ID another case's reference already names", async () => {
      const followUp = aCase();
      const original = freshId();
      await repo.commit({ case: followUp, expectedVersion: null, pendingReferences: refs([original]) });
      const racing = aCase();
      await expect(
        repo.commit({
          case: racing,
          expectedVersion: null,
          messageIdLinks: [original],
          pendingReferences: refs([], { ownMessageId: original }),
        }),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await repo.getCase(racing.tracking)).toBeUndefined();
      expect(await repo.findCaseByMessageId(original)).toBeUndefined();
      // Another sender's reference to the same id is no obstacle: references are per sender.
      const stranger = aCase();
      await repo.commit({
        case: stranger,
        expectedVersion: null,
        messageIdLinks: [original],
        pendingReferences: refs([], { sender: 'bob@customer.example', ownMessageId: original }),
      });
      expect(await repo.findCaseByMessageId(original)).toBe(stranger.tracking);
    });

    it('ignores a lapsed reference: not found, and no obstacle to another case', async () => {
      const old = aCase();
      const id = freshId();
      const lapsed = new Date(Date.now() - 60_000).toISOString();
      await repo.commit({ case: old, expectedVersion: null, pendingReferences: refs([id], { expiresAt: lapsed }) });
      expect((await repo.findPendingReferences(SENDER, [id])).size).toBe(0);
      const fresh = aCase();
      await repo.commit({ case: fresh, expectedVersion: null, pendingReferences: refs([id]) });
      expect((await repo.findPendingReferences(SENDER, [id])).get(id)).toBe(fresh.tracking);
    });
  });
}
