import { inMemoryAckBudget } from '../fakes/ack-counters';
import type { AuditEvent } from '../../lambdas/core/audit-chain';
import type { Case } from '../../lambdas/core/case';
import { ConcurrencyError, DuplicateError } from '../../lambdas/core/errors';
import { EXAMPLE_PROFILE, type FirmProfile } from '../../lambdas/core/firm-profile';
import type { CaseMessage } from '../../lambdas/core/message';
import type { CaseChange, CaseRepository, QuarantineRecord, QueueName } from '../../lambdas/core/ports';
import type { TrackingNumber } from '../../lambdas/core/tracking-number';
import { MailparserMimeParser } from '../../lambdas/adapters/mime/parse';
import type { IntakeDeps } from '../../lambdas/app/intake/process-inbound';
import { SequentialIds } from '../fakes/clock';

/**
 * An in-memory fake of the case repository (our own port) that counts reads: for use-case tests that
 * measure how much work one mail causes, without DynamoDB's latency in the numbers.
 */
export class InMemoryCaseRepository implements CaseRepository {
  readonly cases = new Map<string, Case>();
  readonly messages = new Map<string, CaseMessage[]>();
  readonly events = new Map<string, AuditEvent[]>();
  readonly links = new Map<string, TrackingNumber>();
  readonly keys = new Map<string, TrackingNumber>();
  readonly quarantined = new Map<string, QuarantineRecord>();
  readonly counters = new Map<string, number>();
  reads = 0;

  async getCase(tracking: TrackingNumber): Promise<Case | undefined> {
    this.reads++;
    return this.cases.get(tracking);
  }
  /** Pending references are out of this fake's scope (test/fakes/case-repository.ts has them): none ever. */
  async findPendingReferences(): Promise<ReadonlyMap<string, TrackingNumber>> {
    return new Map();
  }
  async commit(change: CaseChange): Promise<void> {
    const t = change.case.tracking;
    const current = this.cases.get(t);
    if ((change.idempotencyKeys ?? []).some((k) => this.keys.has(k))) throw new DuplicateError('idempotency key seen');
    if (change.expectedVersion === null ? current !== undefined : current?.version !== change.expectedVersion)
      throw new ConcurrencyError('version moved');
    this.cases.set(t, change.case);
    this.messages.set(t, [...(this.messages.get(t) ?? []), ...(change.messages ?? [])]);
    this.events.set(t, [...(this.events.get(t) ?? []), ...(change.events ?? [])]);
    for (const id of change.messageIdLinks ?? []) if (!this.links.has(id)) this.links.set(id, t);
    for (const k of change.idempotencyKeys ?? []) this.keys.set(k, t);
  }
  async listMessages(tracking: TrackingNumber): Promise<CaseMessage[]> {
    return this.messages.get(tracking) ?? [];
  }
  async listMessagePage(
    tracking: TrackingNumber,
    page: { readonly limit: number },
  ): Promise<{ items: CaseMessage[]; more: boolean }> {
    // Intake never pages a thread; the first page is enough for the tests that read one back.
    const all = this.messages.get(tracking) ?? [];
    return { items: all.slice(0, page.limit), more: all.length > page.limit };
  }
  async listEvents(tracking: TrackingNumber): Promise<AuditEvent[]> {
    return this.events.get(tracking) ?? [];
  }
  async findCaseByMessageId(messageId: string): Promise<TrackingNumber | undefined> {
    this.reads++;
    return this.links.get(messageId);
  }
  async findIdempotencyKey(key: string): Promise<{ tracking: TrackingNumber } | undefined> {
    const t = this.keys.get(key);
    return t ? { tracking: t } : undefined;
  }
  async findIdempotencyKeys(keys: readonly string[]): Promise<ReadonlyMap<string, { tracking: TrackingNumber }>> {
    const found = new Map<string, { tracking: TrackingNumber }>();
    for (const key of keys) {
      const t = this.keys.get(key);
      if (t) found.set(key, { tracking: t });
    }
    return found;
  }
  async queryCases(): Promise<never> {
    throw new Error('not used by the intake');
  }
  async listDueCases(): Promise<never> {
    throw new Error('not used by the intake');
  }
  async quarantine(record: QuarantineRecord): Promise<void> {
    if (!this.quarantined.has(record.id)) this.quarantined.set(record.id, record);
  }
  async getQuarantine(id: string): Promise<QuarantineRecord | undefined> {
    return this.quarantined.get(id);
  }
  async incrementCounter(key: string, _expiresAt?: Date, delta = 1): Promise<number> {
    const v = (this.counters.get(key) ?? 0) + delta;
    this.counters.set(key, v);
    return v;
  }
  async readCounter(key: string): Promise<number> {
    return this.counters.get(key) ?? 0;
  }
  async acquireLease(): Promise<boolean> {
    return true;
  }
  async releaseLease(): Promise<void> {}
}

export interface InMemoryIntake {
  readonly deps: IntakeDeps;
  readonly repo: InMemoryCaseRepository;
  readonly blobs: Map<string, Buffer>;
  readonly sent: { queue: QueueName; body: unknown; delaySeconds?: number }[];
  /** Stores a raw message as SES would and returns its key. */
  store(id: string, raw: Buffer | string): string;
}

/** Intake dependencies on in-memory fakes of our own ports, with the real MIME parser. */
export function inMemoryIntake(opts: { profile?: FirmProfile; now?: Date } = {}): InMemoryIntake {
  const repo = new InMemoryCaseRepository();
  const blobs = new Map<string, Buffer>();
  const sent: InMemoryIntake['sent'] = [];
  const now = opts.now ?? new Date('2026-03-02T10:00:00Z');
  const deps: IntakeDeps = {
    repo,
    blobs: {
      get: async (key) => blobs.get(key) ?? Buffer.alloc(0),
      put: async (key, body) => void blobs.set(key, Buffer.from(body)),
      size: async (key) => blobs.get(key)?.length ?? 0,
      getRetained: async (key) => ({
        body: blobs.get(key) ?? Buffer.alloc(0),
        retainUntil: new Date(now.getTime() + 7 * 365 * 86_400_000),
      }),
    },
    queue: {
      send: async (queue, body, delaySeconds) =>
        void sent.push({ queue, body, ...(delaySeconds ? { delaySeconds } : {}) }),
      sendBatch: async (queue, messages) => void sent.push(...messages.map((m) => ({ queue, ...m }))),
    },
    clock: { now: () => now },
    ids: new SequentialIds('fuzz'),
    profile: opts.profile ?? EXAMPLE_PROFILE,
    planDeadlines: async () => ({ deadlines: {} }),
    signingSecret: 'test-signing-secret',
    parser: new MailparserMimeParser(),
    ackBudget: inMemoryAckBudget(),
  };
  return {
    deps,
    repo,
    blobs,
    sent,
    store: (id, raw) => {
      blobs.set(`inbound/${id}`, Buffer.isBuffer(raw) ? raw : Buffer.from(raw));
      return `inbound/${id}`;
    },
  };
}
