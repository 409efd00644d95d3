import type { Case } from '../../lambdas/core/case';
import { ConcurrencyError } from '../../lambdas/core/errors';
import type { Macro } from '../../lambdas/core/macro';
import { NoticeSchema, type Notice } from '../../lambdas/core/notice';
import type {
  Clock,
  ConfigurationChange,
  ConfigurationRecord,
  ConfigurationStore,
  MacroStore,
  NoticeStore,
} from '../../lambdas/core/ports';
import type { Counters } from '../../lambdas/core/reports/aggregates';
import type { CreatedPage, CreatedPageQuery, ReportStore } from '../../lambdas/core/reports/report-store';
import { stored } from './copy';
import type { InMemoryCaseRepository } from './case-repository';

/** Notices with the audit trail the DynamoDB store writes alongside (who declared or withdrew what, when). */
export class InMemoryNoticeStore implements NoticeStore {
  private readonly notices = new Map<string, Notice>();
  readonly audit: { at: string; action: 'declared' | 'deleted'; noticeId: string; actor: string }[] = [];

  constructor(private readonly clock: Clock = { now: () => new Date() }) {}

  async put(notice: Notice, actor: string): Promise<void> {
    this.notices.set(notice.id, stored(notice));
    this.audit.push({ at: this.clock.now().toISOString(), action: 'declared', noticeId: notice.id, actor });
  }

  async delete(id: string, actor: string): Promise<boolean> {
    if (!this.notices.delete(id)) return false;
    this.audit.push({ at: this.clock.now().toISOString(), action: 'deleted', noticeId: id, actor });
    return true;
  }

  async list(): Promise<Notice[]> {
    return [...this.notices.values()]
      .flatMap((n) => {
        const parsed = NoticeSchema.safeParse(n);
        return parsed.success ? [parsed.data] : [];
      })
      .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  }
}

/** The active configuration and its change records; a stale `expected` loses, as the conditional write does. */
export class InMemoryConfigurationStore implements ConfigurationStore {
  private active?: ConfigurationRecord;
  private readonly changes: ConfigurationChange[] = [];

  async current(): Promise<ConfigurationRecord | undefined> {
    return this.active ? stored(this.active) : undefined;
  }

  async record(change: ConfigurationChange, expected: ConfigurationRecord | undefined): Promise<boolean> {
    const matches = expected
      ? this.active?.policyVersion === expected.policyVersion &&
        this.active?.templatesVersion === expected.templatesVersion
      : this.active === undefined;
    if (!matches || this.changes.some((c) => c.at === change.at)) return false;
    this.active = stored(change.to);
    this.changes.push(stored(change));
    return true;
  }

  async listChanges(limit: number): Promise<ConfigurationChange[]> {
    return [...this.changes]
      .sort((a, b) => (a.at < b.at ? 1 : -1))
      .slice(0, limit)
      .map(stored);
  }

  async dueRegulatorNotices(before: string): Promise<ConfigurationChange[]> {
    return this.changes
      .filter((c) => c.regulatorNoticeDueAt !== undefined && c.regulatorNoticeDueAt <= before)
      .sort((a, b) => (a.regulatorNoticeDueAt! < b.regulatorNoticeDueAt! ? -1 : 1))
      .map(stored);
  }
}

/** Reports read the cases of an in-memory repository; snapshots freeze on first write. */
export class InMemoryReportStore implements ReportStore {
  private readonly snapshots = new Map<string, { body: unknown; frozenAt: string }>();

  constructor(
    private readonly cases: Pick<
      InMemoryCaseRepository,
      'queryCases' | 'sumAggregates' | 'aggregatesByDay' | 'compactAggregates'
    >,
  ) {}

  async sumAggregates(
    cohort: 'C' | 'R' | 'G',
    group: string,
    fromDay: string,
    lastDay: string,
    only?: readonly string[],
  ): Promise<Counters> {
    return this.cases.sumAggregates(cohort, group, fromDay, lastDay, only);
  }

  async aggregatesByDay(cohort: 'C' | 'R', group: string, fromDay: string, lastDay: string, only?: readonly string[]) {
    return this.cases.aggregatesByDay(cohort, group, fromDay, lastDay, only);
  }

  async compactAggregates(cohort: 'C' | 'R', group: string, fromDay: string, lastDay: string): Promise<number> {
    return this.cases.compactAggregates(cohort, group, fromDay, lastDay);
  }

  async casesCreatedBetween(from: string, to: string): Promise<Case[]> {
    const all: Case[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.cases.queryCases({ limit: 1000, ...(cursor ? { cursor } : {}) });
      all.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return all.filter((c) => c.createdAt >= from && c.createdAt < to);
  }

  /** Index pages read so far (tests check that a job reads in bounded pages). */
  pagesRead = 0;

  async casesCreatedPage(q: CreatedPageQuery): Promise<CreatedPage> {
    this.pagesRead += 1;
    const key = (c: Case): string => `${c.createdAt}#${c.tracking}`;
    const after = (await this.casesCreatedBetween(q.from, q.to))
      .filter((c) => key(c) > (q.after ?? ''))
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    return { cases: after.slice(0, q.limit), more: after.length > q.limit };
  }

  async getSnapshot(kind: string, key: string): Promise<{ body: unknown; frozenAt: string } | undefined> {
    const s = this.snapshots.get(`${kind}#${key}`);
    return s ? stored(s) : undefined;
  }

  async freezeSnapshot(
    kind: string,
    key: string,
    body: unknown,
    frozenAt: string,
  ): Promise<{ body: unknown; frozenAt: string }> {
    const id = `${kind}#${key}`;
    if (!this.snapshots.has(id)) this.snapshots.set(id, stored({ body, frozenAt }));
    return stored(this.snapshots.get(id)!);
  }
}

/** Macros with the DynamoDB store's rules: create once, update from the version read, delete softly for good. */
export class InMemoryMacroStore implements MacroStore {
  private readonly macros = new Map<string, { macro: Macro; deleted?: { at: string; actor: string } }>();

  async put(macro: Macro, expectedVersion: number | null): Promise<void> {
    const held = this.macros.get(macro.id);
    const ok = expectedVersion === null ? !held : !!held && !held.deleted && held.macro.version === expectedVersion;
    if (!ok) throw new ConcurrencyError(`macro ${macro.id} changed meanwhile`);
    this.macros.set(macro.id, { macro: stored(macro) });
  }

  async get(id: string): Promise<Macro | undefined> {
    const held = this.macros.get(id);
    return held && !held.deleted ? stored(held.macro) : undefined;
  }

  async list(): Promise<Macro[]> {
    return [...this.macros.values()]
      .filter((m) => !m.deleted)
      .map((m) => stored(m.macro))
      .sort((a, b) => a.language.localeCompare(b.language) || a.name.localeCompare(b.name));
  }

  async delete(id: string, actor: string, at: string): Promise<boolean> {
    const held = this.macros.get(id);
    if (!held || held.deleted) return false;
    held.deleted = { at, actor };
    return true;
  }
}
