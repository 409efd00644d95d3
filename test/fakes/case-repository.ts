import type { AuditEvent } from '../../lambdas/core/audit-chain';
import { hourOf } from '../../lambdas/core/audit-manifest';
import { CASE_STATUSES, nextDueAt, type Case } from '../../lambdas/core/case';
import { ConcurrencyError, DocketError, DuplicateError, ValidationError } from '../../lambdas/core/errors';
import type { CaseMessage } from '../../lambdas/core/message';
import type {
  CaseChange,
  ChangeJournal,
  CasePage,
  CaseQuery,
  CaseRepository,
  Clock,
  DueCase,
  DuePage,
  DueQuery,
  MessagePosition,
  QuarantineRecord,
} from '../../lambdas/core/ports';
import { addCounters, type Counters } from '../../lambdas/core/reports/aggregates';
import type { TrackingNumber } from '../../lambdas/core/tracking-number';
import { stored } from './copy';

/** The same bound the DynamoDB adapter has (items in one transaction), so a use case cannot outgrow it unseen. */
const MAX_CHANGE_ITEMS = 100;

/** An item's counters as a projection of `only` reads them (all of them without `only`). */
const projected = (counters: Readonly<Counters>, only: readonly string[] | undefined): Counters =>
  only ? Object.fromEntries(only.filter((n) => n in counters).map((n) => [n, counters[n]!])) : { ...counters };

interface CaseRecord {
  case: Case;
  /** By sort key `<at>#<id>`, as the table orders them. */
  messages: Map<string, CaseMessage>;
  events: Map<number, AuditEvent>;
}

/**
 * The case repository in memory, with the DynamoDB adapter's semantics: one change applies whole or not
 * at all, idempotency keys refuse a replay with `DuplicateError` before anything else, a moved version or
 * an existing item refuses with `ConcurrencyError`, and what is read is a copy of what was written.
 */
export class InMemoryCaseRepository implements CaseRepository, ChangeJournal {
  private readonly cases = new Map<TrackingNumber, CaseRecord>();
  private readonly links = new Map<string, TrackingNumber>();
  private readonly idempotency = new Map<string, TrackingNumber>();
  private readonly quarantined = new Map<string, QuarantineRecord>();
  private readonly counters = new Map<string, { n: number; expiresAt?: number }>();
  private readonly leases = new Map<string, { holder: string; until: number }>();
  /** Pending references by `<sender>\n<Message-ID>`. */
  private readonly pending = new Map<string, { tracking: TrackingNumber; expiresAt: number }>();
  /** Report counters by aggregate key (`C#type:request#2026-07-01`), summed as DynamoDB's ADD would. */
  readonly aggregates = new Map<string, Counters>();
  /** Every change committed, in order (what a test may assert a use case wrote). */
  readonly commits: CaseChange[] = [];
  /** The change journal: cases whose audit chain moved, by UTC hour of the commit. */
  private readonly journal = new Map<string, Set<TrackingNumber>>();
  /**
   * Cases as a table written before the sharded status index holds them (`toOldLayout`): listings by
   * status miss them until a write or the layout backfill gives them the keys.
   */
  private readonly withoutStatusKeys = new Set<TrackingNumber>();

  constructor(private readonly clock: Clock = { now: () => new Date() }) {}

  /**
   * The fake side of `ReportStore.sumAggregates`: one group's counters over days [fromDay, lastDay]; with
   * `only`, nothing else (as a projection reads), so a report that names too few counters reads too little here too.
   */
  sumAggregates(cohort: string, group: string, fromDay: string, lastDay: string, only?: readonly string[]): Counters {
    const sum: Counters = {};
    for (const [key, counters] of this.aggregates) {
      const day = key.slice(key.lastIndexOf('#') + 1);
      if (key === `${cohort}#${group}#${day}` && day >= fromDay && day <= lastDay)
        addCounters(sum, projected(counters, only));
    }
    return sum;
  }

  /** The fake side of `ReportStore.aggregatesByDay`: one group's counters per day of [fromDay, lastDay]. */
  aggregatesByDay(
    cohort: string,
    group: string,
    fromDay: string,
    lastDay: string,
    only?: readonly string[],
  ): Record<string, Counters> {
    const byDay: Record<string, Counters> = {};
    for (const [key, counters] of this.aggregates) {
      const day = key.slice(key.lastIndexOf('#') + 1);
      if (key === `${cohort}#${group}#${day}` && day >= fromDay && day <= lastDay)
        byDay[day] = { ...projected(counters, only) };
    }
    return byDay;
  }

  /** The fake side of `ReportStore.compactAggregates`: drops one group's zero counters over the days. */
  compactAggregates(cohort: string, group: string, fromDay: string, lastDay: string): number {
    let removed = 0;
    for (const [key, counters] of this.aggregates) {
      const day = key.slice(key.lastIndexOf('#') + 1);
      if (key !== `${cohort}#${group}#${day}` || day < fromDay || day > lastDay) continue;
      for (const [name, n] of Object.entries(counters))
        if (n === 0) {
          delete counters[name];
          removed++;
        }
    }
    return removed;
  }

  async getCase(tracking: TrackingNumber): Promise<Case | undefined> {
    const r = this.cases.get(tracking);
    return r ? stored(r.case) : undefined;
  }

  async commit(change: CaseChange): Promise<void> {
    const t = change.case.tracking;
    const links = [...new Set(change.messageIdLinks ?? [])];
    const keys = [...new Set(change.idempotencyKeys ?? [])];
    const refs = this.pendingChecks(change, links);
    const journalled = change.events?.length ? 1 : 0;
    const items =
      1 +
      (change.messages?.length ?? 0) +
      (change.events?.length ?? 0) +
      journalled +
      links.length +
      keys.length +
      refs.items;
    if (items > MAX_CHANGE_ITEMS)
      throw new DocketError(
        `a case change has ${items} writes, more than DynamoDB's ${MAX_CHANGE_ITEMS} per transaction`,
      );
    if (keys.some((k) => this.idempotency.has(k)))
      throw new DuplicateError(`case ${t}: this change was already applied`);
    const current = this.cases.get(t);
    const conflicts: string[] = [];
    if (change.expectedVersion === null ? current !== undefined : current?.case.version !== change.expectedVersion)
      conflicts.push('case');
    if ((change.messages ?? []).some((m) => current?.messages.has(messageKey(m)))) conflicts.push('message');
    if ((change.events ?? []).some((e) => current?.events.has(e.seq))) conflicts.push('event');
    if (links.some((id) => (this.links.get(id) ?? t) !== t)) conflicts.push('link');
    if (refs.conflict) conflicts.push('pending_reference');
    if (conflicts.length) throw new ConcurrencyError(`case ${t}: a concurrent write won (${conflicts.join(', ')})`);

    const record: CaseRecord = current ?? { case: change.case, messages: new Map(), events: new Map() };
    record.case = stored(change.case);
    for (const m of change.messages ?? []) record.messages.set(messageKey(m), stored(m));
    for (const e of change.events ?? []) record.events.set(e.seq, stored(e));
    this.cases.set(t, record);
    this.withoutStatusKeys.delete(t); // every write derives the index keys
    for (const id of links) this.links.set(id, t);
    for (const k of keys) this.idempotency.set(k, t);
    const p = change.pendingReferences;
    for (const id of refs.ids)
      this.pending.set(pendingKey(p!.sender, id), { tracking: t, expiresAt: Date.parse(p!.expiresAt) });
    for (const [key, counters] of Object.entries(change.aggregates ?? {})) {
      this.aggregates.set(key, addCounters({ ...this.aggregates.get(key) }, counters));
    }
    if (journalled) {
      const hour = hourOf(this.clock.now());
      this.journal.set(hour, (this.journal.get(hour) ?? new Set()).add(t));
    }
    this.commits.push(stored(change));
  }

  async changedIn(hour: string): Promise<TrackingNumber[]> {
    return [...(this.journal.get(hour) ?? [])];
  }

  /** The DynamoDB adapter's conditions on pending references: what it would put, and whether one fails. */
  private pendingChecks(
    change: CaseChange,
    links: readonly string[],
  ): { ids: string[]; items: number; conflict: boolean } {
    const p = change.pendingReferences;
    if (!p) return { ids: [], items: 0, conflict: false };
    const t = change.case.tracking;
    const ids = [...new Set(p.messageIds)].filter((id) => id !== p.ownMessageId && !links.includes(id));
    const elsewhere = (id: string) => {
      const ref = this.livePending(p.sender, id);
      return ref !== undefined && ref !== t;
    };
    const conflict =
      ids.some((id) => this.links.has(id) || elsewhere(id)) ||
      (p.ownMessageId !== undefined && elsewhere(p.ownMessageId));
    return { ids, items: ids.length * 2 + (p.ownMessageId ? 1 : 0), conflict };
  }

  private livePending(sender: string, messageId: string): TrackingNumber | undefined {
    const ref = this.pending.get(pendingKey(sender, messageId));
    return ref && ref.expiresAt >= this.clock.now().getTime() ? ref.tracking : undefined;
  }

  async findPendingReferences(
    sender: string,
    messageIds: readonly string[],
  ): Promise<ReadonlyMap<string, TrackingNumber>> {
    const found = new Map<string, TrackingNumber>();
    for (const id of messageIds) {
      const t = this.livePending(sender, id);
      if (t) found.set(id, t);
    }
    return found;
  }

  async listMessages(tracking: TrackingNumber): Promise<CaseMessage[]> {
    const r = this.cases.get(tracking);
    if (!r) return [];
    return [...r.messages.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, m]) => stored(m));
  }

  async listMessagePage(
    tracking: TrackingNumber,
    page: { readonly limit: number; readonly after?: MessagePosition },
  ): Promise<{ items: CaseMessage[]; more: boolean }> {
    // The same order as the table's sort key MSG#<at>#<id>.
    const after = page.after ? `${page.after.at}#${page.after.id}` : undefined;
    const rest = (await this.listMessages(tracking)).filter((m) => after === undefined || messageKey(m) > after);
    return { items: rest.slice(0, page.limit), more: rest.length > page.limit };
  }

  async listEvents(tracking: TrackingNumber): Promise<AuditEvent[]> {
    const r = this.cases.get(tracking);
    if (!r) return [];
    return [...r.events.values()].sort((a, b) => a.seq - b.seq).map(stored);
  }

  async findCaseByMessageId(messageId: string): Promise<TrackingNumber | undefined> {
    return this.links.get(messageId);
  }

  async findIdempotencyKey(key: string): Promise<{ readonly tracking: TrackingNumber } | undefined> {
    const tracking = this.idempotency.get(key);
    return tracking ? { tracking } : undefined;
  }

  async findIdempotencyKeys(keys: readonly string[]): Promise<ReadonlyMap<string, { tracking: TrackingNumber }>> {
    const found = new Map<string, { tracking: TrackingNumber }>();
    for (const key of keys) {
      const tracking = this.idempotency.get(key);
      if (tracking) found.set(key, { tracking });
    }
    return found;
  }

  async queryCases(query: CaseQuery): Promise<CasePage<Case>> {
    const statuses = query.status ? [query.status] : [...CASE_STATUSES];
    const order = (c: Case) => `${c.createdAt}#${c.tracking}`;
    const all = [...this.cases.values()].map((r) => r.case);
    const matches = (
      query.customer !== undefined
        ? all
            .filter((c) => c.customer.address === query.customer!.toLowerCase())
            .filter((c) => !query.status || c.status === query.status)
            .sort(byKey(order))
        : statuses.flatMap((s) =>
            all.filter((c) => c.status === s && !this.withoutStatusKeys.has(c.tracking)).sort(byKey(order)),
          )
    ).filter((c) => !query.assignee || c.assignee === query.assignee);
    const start = query.cursor ? Number(Buffer.from(query.cursor, 'base64url').toString()) : 0;
    if (!Number.isInteger(start) || start < 0) throw new ValidationError('the cursor is not one this API returned');
    const items = matches.slice(start, start + query.limit).map(stored);
    const next = start + items.length;
    return next < matches.length ? { items, cursor: Buffer.from(String(next)).toString('base64url') } : { items };
  }

  /** Arranges a case as last written before the sharded status index existed (docs/scale-migration.md). */
  toOldLayout(tracking: TrackingNumber): void {
    if (!this.cases.has(tracking)) throw new Error(`no case ${tracking}`);
    this.withoutStatusKeys.add(tracking);
  }

  /** Whether the case carries the sharded status keys (see `toOldLayout`). */
  hasStatusKeys(tracking: TrackingNumber): boolean {
    return this.cases.has(tracking) && !this.withoutStatusKeys.has(tracking);
  }

  /** What the layout backfill's second pass writes: the status keys, nothing else. */
  giveStatusKeys(tracking: TrackingNumber): void {
    this.withoutStatusKeys.delete(tracking);
  }

  /** Every stored case, in no particular order (a table scan). */
  storedCases(): Case[] {
    return [...this.cases.values()].map((r) => stored(r.case));
  }

  /**
   * A copy of the cases, their threads and events, their layout and the counters, as a point-in-time
   * restore of the table gives (links, keys and the rest are left out: nothing that reads a restore needs them).
   */
  snapshot(): InMemoryCaseRepository {
    const copy = new InMemoryCaseRepository(this.clock);
    for (const [t, r] of this.cases)
      copy.cases.set(t, {
        case: stored(r.case),
        messages: new Map(stored([...r.messages])),
        events: new Map(stored([...r.events])),
      });
    for (const t of this.withoutStatusKeys) copy.withoutStatusKeys.add(t);
    for (const [key, counters] of this.aggregates) copy.aggregates.set(key, { ...counters });
    return copy;
  }

  async listDueCases(query: DueQuery): Promise<DuePage> {
    const { after, before, limit } = query;
    const all = [...this.cases.values()]
      .map((r) => ({ c: r.case, due: nextDueAt(r.case.deadlines) }))
      .filter((x): x is { c: Case; due: string } => x.due !== undefined)
      .filter(({ due }) => due <= before && (after === undefined || due > after))
      .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0))
      .map(({ c, due }): DueCase => ({ tracking: c.tracking, nextDueAt: due, deadlines: stored(c.deadlines) }));
    return { items: all.slice(0, limit), truncated: all.length > limit };
  }

  async quarantine(record: QuarantineRecord): Promise<void> {
    if (!this.quarantined.has(record.id)) this.quarantined.set(record.id, stored(record));
  }

  async getQuarantine(id: string): Promise<QuarantineRecord | undefined> {
    const r = this.quarantined.get(id);
    return r ? stored(r) : undefined;
  }

  /** Every quarantined record (tests look for the one a use case wrote). */
  quarantinedRecords(): QuarantineRecord[] {
    return [...this.quarantined.values()].map(stored);
  }

  async incrementCounter(key: string, expiresAt?: Date, delta = 1): Promise<number> {
    const live = this.liveCounter(key);
    const next = { n: (live?.n ?? 0) + delta, expiresAt: live?.expiresAt ?? expiresAt?.getTime() };
    this.counters.set(key, next);
    return next.n;
  }

  async readCounter(key: string): Promise<number> {
    return this.liveCounter(key)?.n ?? 0;
  }

  /** A counter past its expiry is gone, as DynamoDB's TTL eventually deletes it. */
  private liveCounter(key: string): { n: number; expiresAt?: number } | undefined {
    const c = this.counters.get(key);
    return c && (c.expiresAt === undefined || c.expiresAt >= this.clock.now().getTime()) ? c : undefined;
  }

  async acquireLease(key: string, holder: string, until: Date): Promise<boolean> {
    const lease = this.leases.get(key);
    if (lease && lease.until >= this.clock.now().getTime() && lease.holder !== holder) return false;
    this.leases.set(key, { holder, until: until.getTime() });
    return true;
  }

  async releaseLease(key: string, holder: string): Promise<void> {
    if (this.leases.get(key)?.holder === holder) this.leases.delete(key);
  }
}

const messageKey = (m: CaseMessage) => `${m.at}#${m.id}`;
const pendingKey = (sender: string, messageId: string) => `${sender.toLowerCase()}\n${messageId}`;

/** Orders by a string key in code-unit order, as DynamoDB orders sort keys. */
const byKey =
  <T>(key: (x: T) => string) =>
  (a: T, b: T): number =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
