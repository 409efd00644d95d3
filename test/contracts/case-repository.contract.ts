import { chainEvent } from '../../lambdas/core/audit-chain';
import { ConcurrencyError, DuplicateError, ValidationError } from '../../lambdas/core/errors';
import type { CaseRepository } from '../../lambdas/core/ports';
import { aCase } from '../support/case-fixture';

/**
 * What every CaseRepository must do, run against the DynamoDB adapter (on DynamoDB Local) and against the
 * in-memory fake: the fake's use-case tests are only worth what this suite holds it to.
 */
export function caseRepositoryContract(name: string, makeRepo: () => Promise<CaseRepository> | CaseRepository): void {
  describe(`CaseRepository contract: ${name}`, () => {
    let repo: CaseRepository;
    beforeAll(async () => {
      repo = await makeRepo();
    });

    it('writes a case with its message, event and links in one transaction and reads them back', async () => {
      const c = aCase();
      const e = chainEvent(c, { at: c.createdAt, actor: 'customer', type: 'case_opened' });
      await repo.commit({
        case: { ...c, eventSeq: e.seq, lastEventHash: e.hash },
        expectedVersion: null,
        events: [e],
        messages: [
          {
            id: 'ses-1',
            at: c.createdAt,
            direction: 'in',
            from: 'alice@customer.example',
            to: ['support@exchange.example'],
            subject: 'hi',
            text: 'hello',
            author: 'customer',
          },
        ],
        messageIdLinks: ['abc@customer.example'],
        idempotencyKeys: ['SES#ses-1'],
      });
      const stored = await repo.getCase(c.tracking);
      expect(stored).toMatchObject({ tracking: c.tracking, status: 'new', eventSeq: 1 });
      expect(stored).not.toHaveProperty('PK');
      expect(await repo.listMessages(c.tracking)).toEqual([expect.objectContaining({ id: 'ses-1', text: 'hello' })]);
      expect(await repo.listEvents(c.tracking)).toEqual([e]);
      expect(await repo.findCaseByMessageId('abc@customer.example')).toBe(c.tracking);
      expect(await repo.findIdempotencyKey('SES#ses-1')).toEqual({ tracking: c.tracking });
    });

    it('reads several idempotency keys at once: the used ones by key, long ones included, unused ones left out', async () => {
      const c = aCase();
      const long = `MSGID#${'x'.repeat(2000)}@customer.example`;
      const s = `SES#${c.tracking}`;
      await repo.commit({ case: c, expectedVersion: null, idempotencyKeys: [s, long] });

      const found = await repo.findIdempotencyKeys([s, `SES#${c.tracking}-unused`, long, s]);

      expect(found).toEqual(
        new Map([
          [s, { tracking: c.tracking }],
          [long, { tracking: c.tracking }],
        ]),
      );
      expect(await repo.findIdempotencyKeys([])).toEqual(new Map());
    });

    it('pages a thread oldest first (by time, then id) and says when more remain', async () => {
      const c = aCase();
      const msg = (id: string, at: string) => ({
        id,
        at,
        direction: 'in' as const,
        from: 'alice@customer.example',
        to: ['support@exchange.example'],
        subject: 'hi',
        text: `text of ${id}`,
        author: 'customer',
      });
      const stored = { textKey: 'bodies/m4/text', textBytes: 40_000 };
      await repo.commit({
        case: c,
        expectedVersion: null,
        messages: [
          msg('m5', '2026-11-23T10:05:00.000Z'),
          msg('m1', '2026-11-23T10:01:00.000Z'),
          msg('m3', '2026-11-23T10:03:00.000Z'),
          msg('m2', '2026-11-23T10:03:00.000Z'),
          { ...msg('m4', '2026-11-23T10:04:00.000Z'), body: stored },
        ],
      });
      const first = await repo.listMessagePage(c.tracking, { limit: 2 });
      expect(first.items.map((m) => m.id)).toEqual(['m1', 'm2']);
      expect(first.more).toBe(true);
      const last2 = first.items[1]!;
      const second = await repo.listMessagePage(c.tracking, { limit: 2, after: { at: last2.at, id: last2.id } });
      expect(second.items.map((m) => m.id)).toEqual(['m3', 'm4']);
      expect(second.items[1]).toMatchObject({ body: stored });
      expect(second.more).toBe(true);
      const last4 = second.items[1]!;
      const third = await repo.listMessagePage(c.tracking, { limit: 2, after: { at: last4.at, id: last4.id } });
      expect(third).toEqual({ items: [expect.objectContaining({ id: 'm5' })], more: false });
      expect(await repo.listMessagePage(c.tracking, { limit: 5 })).toMatchObject({ more: false });
      expect((await repo.listMessagePage(c.tracking, { limit: 5 })).items).toHaveLength(5);
    });

    it('refuses a replayed idempotency key with DuplicateError and writes nothing of the replay', async () => {
      const a = aCase();
      await repo.commit({ case: a, expectedVersion: null, idempotencyKeys: ['SES#dup'] });
      const b = aCase();
      await expect(
        repo.commit({ case: b, expectedVersion: null, idempotencyKeys: ['SES#dup'] }),
      ).rejects.toBeInstanceOf(DuplicateError);
      expect(await repo.getCase(b.tracking)).toBeUndefined();
    });

    it('refuses a stale version with ConcurrencyError (optimistic locking)', async () => {
      const c = aCase();
      await repo.commit({ case: c, expectedVersion: null });
      await repo.commit({ case: { ...c, status: 'open', version: 2 }, expectedVersion: 1 });
      await expect(
        repo.commit({ case: { ...c, status: 'pending', version: 2 }, expectedVersion: 1 }),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await repo.getCase(c.tracking))?.status).toBe('open');
    });

    it('refuses a second case with the same tracking number', async () => {
      const c = aCase();
      await repo.commit({ case: c, expectedVersion: null });
      await expect(repo.commit({ case: c, expectedVersion: null })).rejects.toBeInstanceOf(ConcurrencyError);
    });

    it('keeps a Message-ID linked to the first case that claimed it', async () => {
      const a = aCase();
      const b = aCase();
      await repo.commit({ case: a, expectedVersion: null, messageIdLinks: ['shared@x.example'] });
      await expect(
        repo.commit({ case: b, expectedVersion: null, messageIdLinks: ['shared@x.example'] }),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await repo.findCaseByMessageId('shared@x.example')).toBe(a.tracking);
    });

    it('lists the cases whose earliest deadline is in (after, before], oldest first, with their deadlines', async () => {
      const d = (dueAt: string, id: string) => ({ dueAt, id });
      // A range of its own (other tests share the table): 2031-05-01, 10:00 to 10:15.
      const before = aCase({ deadlines: { first_response: d('2031-05-01T10:00:00.000Z', 'b1') } });
      const early = aCase({
        deadlines: {
          reminder: d('2031-05-01T10:05:00.000Z', 'e1'),
          first_response: d('2031-05-01T10:20:00.000Z', 'e2'),
          status_update: d('2031-05-03T10:00:00.000Z', 'e3'),
        },
      });
      const edge = aCase({ deadlines: { first_response: d('2031-05-01T10:15:00.000Z', 'x1') } });
      const later = aCase({ deadlines: { first_response: d('2031-05-01T10:15:00.001Z', 'l1') } });
      for (const c of [later, edge, before, early]) await repo.commit({ case: c, expectedVersion: null });

      const page = await repo.listDueCases({
        after: '2031-05-01T10:00:00.000Z',
        before: '2031-05-01T10:15:00.000Z',
        limit: 10,
      });
      expect(page).toEqual({
        items: [
          { tracking: early.tracking, nextDueAt: '2031-05-01T10:05:00.000Z', deadlines: early.deadlines },
          { tracking: edge.tracking, nextDueAt: '2031-05-01T10:15:00.000Z', deadlines: edge.deadlines },
        ],
        truncated: false,
      });
    });

    it('lists overdue cases however old, keeps the oldest when more match than the limit, and follows re-plans', async () => {
      const d = (dueAt: string, id: string) => ({ dueAt, id });
      const old = aCase({ deadlines: { resolution: d('2001-01-01T00:00:00.000Z', 'o1') } });
      const older = aCase({ deadlines: { auto_close: d('2000-06-01T00:00:00.000Z', 'o2') } });
      const recent = aCase({ deadlines: { first_response: d('2002-01-01T00:00:00.000Z', 'o3') } });
      for (const c of [old, recent, older]) await repo.commit({ case: c, expectedVersion: null });
      const mine = [old, older, recent].map((c) => c.tracking);

      const two = await repo.listDueCases({ before: '2001-06-01T00:00:00.000Z', limit: 2 });
      expect(two.items.map((x) => x.tracking)).toEqual([older.tracking, old.tracking]);
      expect(two.truncated).toBe(false);
      const one = await repo.listDueCases({ before: '2002-06-01T00:00:00.000Z', limit: 1 });
      expect(one).toMatchObject({ items: [{ tracking: older.tracking }], truncated: true });

      // The timer acted: the case's earliest deadline moves, and a case without deadlines leaves the index.
      await repo.commit({
        case: { ...older, deadlines: { auto_close: d('2031-06-01T00:00:00.000Z', 'o4') }, version: 2 },
        expectedVersion: 1,
      });
      await repo.commit({ case: { ...old, deadlines: {}, version: 2 }, expectedVersion: 1 });
      const after = await repo.listDueCases({ before: '2002-06-01T00:00:00.000Z', limit: 100 });
      expect(after.items.filter((x) => mine.includes(x.tracking)).map((x) => x.tracking)).toEqual([recent.tracking]);
      const moved = await repo.listDueCases({
        after: '2031-05-31T23:59:59.999Z',
        before: '2031-06-01T00:00:00.000Z',
        limit: 10,
      });
      expect(moved.items).toEqual([
        {
          tracking: older.tracking,
          nextDueAt: '2031-06-01T00:00:00.000Z',
          deadlines: { auto_close: d('2031-06-01T00:00:00.000Z', 'o4') },
        },
      ]);
    });

    it('pages through cases by status with an opaque cursor and filters by assignee', async () => {
      const mineAll = [];
      for (let i = 0; i < 5; i++) {
        const c = aCase({
          status: 'pending',
          assignee: i % 2 ? 'bob' : 'carol',
          createdAt: `2026-11-2${i}T10:00:00.000Z`,
        });
        await repo.commit({ case: c, expectedVersion: null });
        mineAll.push(c);
      }
      const first = await repo.queryCases({ status: 'pending', limit: 2 });
      expect(first.items).toHaveLength(2);
      expect(first.cursor).toBeDefined();
      const second = await repo.queryCases({ status: 'pending', limit: 10, cursor: first.cursor });
      expect([...first.items, ...second.items].map((c) => c.tracking).sort()).toEqual(
        mineAll.map((c) => c.tracking).sort(),
      );
      const bobs = await repo.queryCases({ status: 'pending', assignee: 'bob', limit: 10 });
      expect(bobs.items.every((c) => c.assignee === 'bob')).toBe(true);
      expect(bobs.items).toHaveLength(2);
      await expect(repo.queryCases({ limit: 1, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(ValidationError);
    });

    it("finds a customer's cases through the customer index", async () => {
      const c = aCase({
        customer: { address: 'dora@customer.example', kind: 'individual' },
        participants: ['dora@customer.example'],
      });
      await repo.commit({ case: c, expectedVersion: null });
      const page = await repo.queryCases({ customer: 'Dora@Customer.example', limit: 10 });
      expect(page.items.map((x) => x.tracking)).toEqual([c.tracking]);
    });

    it('quarantines idempotently and counts with expiry', async () => {
      await repo.quarantine({ id: 'q1', at: '2026-11-23T10:00:00.000Z', rawKey: 'inbound/q1', reason: 'virus' });
      await repo.quarantine({ id: 'q1', at: '2026-11-23T11:00:00.000Z', rawKey: 'inbound/q1', reason: 'other' });
      expect(await repo.getQuarantine('q1')).toMatchObject({ reason: 'virus', at: '2026-11-23T10:00:00.000Z' });
      const until = new Date(Date.now() + 3600_000);
      expect(await repo.incrementCounter('ACK#x', until)).toBe(1);
      expect(await repo.incrementCounter('ACK#x', until)).toBe(2);
      expect(await repo.incrementCounter('ACK#x', until, -2)).toBe(0);
      expect(await repo.readCounter('ACK#nothing')).toBe(0);
    });
  });
}
