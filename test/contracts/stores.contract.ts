import { ConcurrencyError } from '../../lambdas/core/errors';
import type { Macro } from '../../lambdas/core/macro';
import type { Notice } from '../../lambdas/core/notice';
import type { ConfigurationChange, ConfigurationStore, MacroStore, NoticeStore } from '../../lambdas/core/ports';

let seq = 0;
/** Ids unique across the suites sharing one table partition. */
const uid = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++seq}`;

function aNotice(overrides: Partial<Notice> = {}): Notice {
  return {
    id: uid('n'),
    kind: 'maintenance',
    message: 'Withdrawals pause for wallet maintenance.',
    startsAt: '2026-03-02T10:00:00.000Z',
    extraDelayMinutes: 60,
    ...overrides,
  };
}

function aMacro(overrides: Partial<Macro> = {}): Macro {
  return {
    id: uid('m'),
    name: 'Withdrawal confirmed',
    language: 'en',
    text: 'Your withdrawal for {{tracking}} is confirmed.',
    version: 1,
    updatedAt: '2026-03-02T10:00:00.000Z',
    updatedBy: 'sam.supervisor',
    ...overrides,
  };
}

/** What every NoticeStore must do (DynamoDB adapter and fake); other notices may share the partition. */
export function noticeStoreContract(name: string, make: () => Promise<NoticeStore> | NoticeStore): void {
  describe(`NoticeStore contract: ${name}`, () => {
    let store: NoticeStore;
    beforeAll(async () => {
      store = await make();
    });
    const mine = async (ids: string[]) => (await store.list()).filter((n) => ids.includes(n.id));

    it('lists what was declared, earliest start first, and a re-declaration replaces it', async () => {
      const late = aNotice({ startsAt: '2026-03-05T00:00:00.000Z', messages: { de: 'Wartung.' } });
      const early = aNotice({ kind: 'incident', startsAt: '2026-03-01T00:00:00.000Z' });
      await store.put(late, 'sam');
      await store.put(early, 'sam');
      expect(await mine([late.id, early.id])).toEqual([early, late]);
      const ended = { ...early, endsAt: '2026-03-01T06:00:00.000Z' };
      await store.put(ended, 'sam');
      expect(await mine([late.id, early.id])).toEqual([ended, late]);
    });

    it('withdraws a notice once: later lists skip it, a second withdrawal or an unknown id answers false', async () => {
      const n = aNotice();
      await store.put(n, 'sam');
      expect(await store.delete(n.id, 'sam')).toBe(true);
      expect(await mine([n.id])).toEqual([]);
      expect(await store.delete(n.id, 'sam')).toBe(false);
      expect(await store.delete(uid('never'), 'sam')).toBe(false);
    });
  });
}

/** What every MacroStore must do (DynamoDB adapter and fake); other macros may share the partition. */
export function macroStoreContract(name: string, make: () => Promise<MacroStore> | MacroStore): void {
  describe(`MacroStore contract: ${name}`, () => {
    let store: MacroStore;
    beforeAll(async () => {
      store = await make();
    });

    it('creates once, then updates only from the version read', async () => {
      const m = aMacro();
      await store.put(m, null);
      expect(await store.get(m.id)).toEqual(m);
      await expect(store.put(m, null)).rejects.toBeInstanceOf(ConcurrencyError);
      const v2 = { ...m, text: 'Confirmed: {{tracking}}.', version: 2 };
      await store.put(v2, 1);
      expect(await store.get(m.id)).toEqual(v2);
      await expect(store.put({ ...m, version: 2 }, 1)).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await store.get(m.id)).toEqual(v2);
    });

    it('lists by language, then name', async () => {
      const ids = [
        aMacro({ language: 'ro', name: 'A' }),
        aMacro({ language: 'en', name: 'Z' }),
        aMacro({ language: 'en', name: 'B' }),
      ];
      for (const m of ids) await store.put(m, null);
      const listed = (await store.list()).filter((m) => ids.some((x) => x.id === m.id));
      expect(listed.map((m) => `${m.language}/${m.name}`)).toEqual(['en/B', 'en/Z', 'ro/A']);
    });

    it('deletes softly and once: gone from get and list, never written again under its id', async () => {
      const m = aMacro();
      await store.put(m, null);
      expect(await store.delete(m.id, 'sam', '2026-03-02T11:00:00.000Z')).toBe(true);
      expect(await store.get(m.id)).toBeUndefined();
      expect((await store.list()).map((x) => x.id)).not.toContain(m.id);
      expect(await store.delete(m.id, 'sam', '2026-03-02T11:01:00.000Z')).toBe(false);
      await expect(store.put({ ...m, version: 2 }, 1)).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(store.put(m, null)).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await store.delete(uid('never'), 'sam', '2026-03-02T11:00:00.000Z')).toBe(false);
    });
  });
}

function aChange(
  at: string,
  policyVersion: string,
  from?: ConfigurationChange['to'],
  due?: string,
): ConfigurationChange {
  return {
    at,
    actor: 'deploy',
    ...(from ? { from } : {}),
    to: { policyVersion, templatesVersion: 't1', policy: { version: policyVersion }, recordedAt: at },
    policyDiff: from ? [{ path: 'version', from: from.policyVersion, to: policyVersion }] : [],
    templatesChanged: false,
    ...(due ? { regulatorNoticeDueAt: due } : {}),
  };
}

/**
 * What every ConfigurationStore must do (DynamoDB adapter and fake). `make` must give a store with
 * nothing recorded yet (its own table): the steps below run in order on it.
 */
export function configurationStoreContract(
  name: string,
  make: () => Promise<ConfigurationStore> | ConfigurationStore,
): void {
  describe(`ConfigurationStore contract: ${name}`, () => {
    let store: ConfigurationStore;
    beforeAll(async () => {
      store = await make();
    });
    const first = aChange('2026-03-01T00:00:00.000Z', 'p1');
    const second = aChange('2026-03-02T00:00:00.000Z', 'p2', first.to, '2026-03-09T00:00:00.000Z');

    it('records the first configuration only when none is recorded', async () => {
      expect(await store.current()).toBeUndefined();
      expect(await store.record(first, undefined)).toBe(true);
      expect(await store.current()).toEqual(first.to);
      expect(await store.record(aChange('2026-03-01T01:00:00.000Z', 'px'), undefined)).toBe(false);
      expect(await store.current()).toEqual(first.to);
    });

    it('records a change only from the state the writer read; a stale writer loses', async () => {
      const stale = { ...first.to, policyVersion: 'p0' };
      expect(await store.record(aChange('2026-03-01T12:00:00.000Z', 'py', stale), stale)).toBe(false);
      expect(await store.record(second, first.to)).toBe(true);
      expect(await store.current()).toEqual(second.to);
      expect(await store.record(aChange('2026-03-03T00:00:00.000Z', 'pz', first.to), first.to)).toBe(false);
    });

    it('lists changes newest first, up to the limit', async () => {
      expect(await store.listChanges(10)).toEqual([second, first]);
      expect(await store.listChanges(1)).toEqual([second]);
    });

    it('lists regulator reminders due at or before an instant', async () => {
      expect(await store.dueRegulatorNotices('2026-03-08T23:59:59.999Z')).toEqual([]);
      expect(await store.dueRegulatorNotices('2026-03-09T00:00:00.000Z')).toEqual([second]);
    });
  });
}
