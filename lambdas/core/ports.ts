import type { AccessRecord } from './access-log';
import type { AuditEvent } from './audit-chain';
import type { AuditManifest } from './audit-manifest';
import type { Case, CaseStatus, DeadlineKind } from './case';
import type { Macro } from './macro';
import type { CaseMessage } from './message';
import type { Notice } from './notice';
import type { AggregateDelta } from './reports/aggregates';
import type { TrackingNumber } from './tracking-number';

/**
 * Ports: what the domain needs from the outside world. Adapters in `lambdas/adapters` implement them
 * against AWS (and so against the local emulators); use cases receive them as arguments.
 */

/** The one source of time for use cases; core functions take the instant as an argument instead. */
export interface Clock {
  now(): Date;
}

/**
 * The one source of randomness for use cases: ids, tracking-number symbols and jitter all come from
 * here, so a test that injects a deterministic implementation controls every random choice.
 */
export interface Ids {
  /** A random, URL-safe id. */
  id(): string;
  /** A uniform integer in [0, max); cryptographically strong, as tracking numbers must be unguessable. */
  int(max: number): number;
  /** A uniform number in [0, 1) for jitter (backoff, deferrals); not for secrets. */
  fraction(): number;
}

/**
 * One atomic change to a case: written in a single DynamoDB transaction, so the case, its new thread
 * entries, its audit events and its links appear together or not at all.
 */
export interface CaseChange {
  /** Full new state of the case; `version` must already be incremented. */
  readonly case: Case;
  /** The version the caller read; `null` when the case must not exist yet (new case). */
  readonly expectedVersion: number | null;
  readonly messages?: readonly CaseMessage[];
  readonly events?: readonly AuditEvent[];
  /** Message-IDs (as in headers, with angle brackets stripped) that thread into this case. */
  readonly messageIdLinks?: readonly string[];
  /**
   * Keys that must not have been used before (SES message id, Message-ID, API Idempotency-Key, outbound
   * purpose). If any exists, the whole change is refused with `DuplicateError`.
   */
  readonly idempotencyKeys?: readonly string[];
  /** Sender-scoped references to Message-IDs not seen yet, recorded for this change's case. */
  readonly pendingReferences?: PendingReferences;
  /**
   * Report counters this change adds (`aggregateDelta` of the previous and the new version), written in
   * the same transaction so reports read counters that always agree with the cases. Every use case
   * passes it (`commitCaseEdit`, intake); only fixtures that never meet a report leave it out.
   */
  readonly aggregates?: AggregateDelta;
}

/**
 * Message-IDs a verified sender's mail referred to before any case linked them
 * (docs/adr/0007-pending-references.md): when the referenced mail arrives later from the same sender, it
 * joins the case the reference points at instead of opening a second one. Written with the case change,
 * under conditions that make the two arrival orders exclusive even when they race (`ConcurrencyError`).
 */
export interface PendingReferences {
  /** The sender address both mails must come from (compared lower-cased). */
  readonly sender: string;
  /** Recorded for the change's case; each must still be unlinked and not pending for another case. */
  readonly messageIds: readonly string[];
  /** When the references lapse (DynamoDB TTL; readers ignore them from then on). */
  readonly expiresAt: string;
  /** The change's own Message-ID: no live pending reference from `sender` may name it for another case. */
  readonly ownMessageId?: string;
}

/** What a case listing carries (the status index projects only these fields). */
export const LISTED_CASE_FIELDS = [
  'tracking',
  'status',
  'subject',
  'customer',
  'type',
  'topic',
  'priority',
  'language',
  'flags',
  'assignee',
  'createdAt',
  'updatedAt',
  'deadlines',
  'version',
] as const satisfies readonly (keyof Case)[];
export type ListedCase = Pick<Case, (typeof LISTED_CASE_FIELDS)[number]>;

export interface CasePage<T extends ListedCase = ListedCase> {
  readonly items: readonly T[];
  readonly cursor?: string;
}

export interface CaseQuery {
  readonly status?: CaseStatus;
  readonly assignee?: string;
  readonly customer?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * A case whose earliest deadline falls in a queried range, as the sparse due-time index projects it: the
 * tracking number and the deadlines, all that arming a timer needs (no read of the case itself).
 */
export interface DueCase {
  readonly tracking: TrackingNumber;
  readonly nextDueAt: string;
  readonly deadlines: Case['deadlines'];
}

/** Which cases `listDueCases` returns: earliest deadline in (`after`, `before`], oldest first, at most `limit`. */
export interface DueQuery {
  /** Exclusive lower bound (ISO instant); none: everything up to `before`, however overdue. */
  readonly after?: string;
  /** Inclusive upper bound (ISO instant). */
  readonly before: string;
  readonly limit: number;
}

export interface DuePage {
  readonly items: DueCase[];
  /** True when more cases matched than `limit`: the oldest `limit` were returned. */
  readonly truncated: boolean;
}

export interface QuarantineRecord {
  /** The SES message id (or the S3 key when there is none). */
  readonly id: string;
  readonly at: string;
  readonly rawKey: string;
  readonly reason: string;
  readonly detail?: string;
  readonly from?: string;
  readonly subject?: string;
}

/** Where a thread entry sits in its thread (entries are ordered by `at`, then `id`). */
export interface MessagePosition {
  readonly at: string;
  readonly id: string;
}

export interface CaseRepository {
  getCase(tracking: TrackingNumber): Promise<Case | undefined>;
  /** Throws `DuplicateError` (idempotency key seen) or `ConcurrencyError` (version moved / case exists). */
  commit(change: CaseChange): Promise<void>;
  listMessages(tracking: TrackingNumber): Promise<CaseMessage[]>;
  /**
   * Up to `limit` thread entries, oldest first, after the entry `after` names (from its start without it);
   * `more` when entries remain past the last one returned.
   */
  listMessagePage(
    tracking: TrackingNumber,
    page: { readonly limit: number; readonly after?: MessagePosition },
  ): Promise<{ readonly items: CaseMessage[]; readonly more: boolean }>;
  listEvents(tracking: TrackingNumber): Promise<AuditEvent[]>;
  findCaseByMessageId(messageId: string): Promise<TrackingNumber | undefined>;
  /** Live pending references from `sender` to any of `messageIds`, by Message-ID (see `PendingReferences`). */
  findPendingReferences(sender: string, messageIds: readonly string[]): Promise<ReadonlyMap<string, TrackingNumber>>;
  /** The case an idempotency key was recorded for, or undefined when the key is unused. */
  findIdempotencyKey(key: string): Promise<{ readonly tracking: TrackingNumber } | undefined>;
  /**
   * `findIdempotencyKey` for a few keys (at most 100) in one request: the used ones, by key. As consistent
   * as the single read.
   */
  findIdempotencyKeys(keys: readonly string[]): Promise<ReadonlyMap<string, { readonly tracking: TrackingNumber }>>;
  /** One customer's cases, whole (the customer index carries every attribute). */
  queryCases(query: CaseQuery & { readonly customer: string }): Promise<CasePage<Case>>;
  /** Cases by status (all statuses in turn when none is given): listing fields only. */
  queryCases(query: CaseQuery): Promise<CasePage>;
  /**
   * Open cases whose earliest deadline lies in the query's range, oldest first, with their deadlines as
   * the index holds them (eventually consistent: the timer handler re-reads the case before acting).
   */
  listDueCases(query: DueQuery): Promise<DuePage>;
  /** Idempotent: the same id written twice keeps the first record. */
  quarantine(record: QuarantineRecord): Promise<void>;
  getQuarantine(id: string): Promise<QuarantineRecord | undefined>;
  /**
   * Adds one to a counter that expires at `expiresAt` and returns the new value: per-sender
   * acknowledgement limits (a loop that slips past classification stops here).
   */
  incrementCounter(key: string, expiresAt?: Date, delta?: number): Promise<number>;
  /** Current value of a counter (0 when absent). */
  readCounter(key: string): Promise<number>;
  /**
   * Takes a lease on `key` for `holder` until `until`, unless another holder's lease is still running.
   * Guards work that cannot be undone (sending a mail) against two concurrent deliveries of one request.
   */
  acquireLease(key: string, holder: string, until: Date): Promise<boolean>;
  /** Gives a lease back early (the guarded work failed and may be retried at once). */
  releaseLease(key: string, holder: string): Promise<void>;
}

/** The access log: who read which case, customer or export, and when (core/access-log.ts). */
export interface AccessLog {
  /** Keeps the record unless one for the same actor, action, target and window exists; true when kept. */
  record(entry: AccessRecord): Promise<boolean>;
  /** Records whose window starts in [from, to), oldest first, a page at a time. */
  list(query: {
    readonly from: string;
    readonly to: string;
    readonly limit: number;
    readonly cursor?: string;
  }): Promise<{
    readonly items: readonly AccessRecord[];
    readonly cursor?: string;
  }>;
}

/** Saved replies (supervisors write them, agents use them). */
export interface MacroStore {
  /**
   * Writes a macro. `expectedVersion` null: it must not exist yet; a number: it must still have that
   * version (else `ConcurrencyError`).
   */
  put(macro: Macro, expectedVersion: number | null): Promise<void>;
  /** Undefined when there is none, or it was deleted. */
  get(id: string): Promise<Macro | undefined>;
  list(): Promise<Macro[]>;
  /** Soft delete; false when there was no such macro. */
  delete(id: string, actor: string, at: string): Promise<boolean>;
}

/** Maintenance and incident notices (supervisors declare them through the API). */
export interface NoticeStore {
  put(notice: Notice, actor: string): Promise<void>;
  /** Returns false when there was no such notice. */
  delete(id: string, actor: string): Promise<boolean>;
  list(): Promise<Notice[]>;
}

/**
 * `outbound` is the interactive lane of outbound mail, `outbound-bulk` the bulk lane (core/outbound-request.ts);
 * `exports` carries export jobs to their worker (core/export-job.ts).
 */
export type QueueName = 'outbound' | 'outbound-bulk' | 'timers' | 'exports';

export interface Queue {
  /** Sends a JSON body; `delaySeconds` at most 900 (SQS limit). */
  send(queue: QueueName, body: unknown, delaySeconds?: number): Promise<void>;
  /** Sends several messages in as few requests as the queue allows; all or an error. */
  sendBatch(queue: QueueName, messages: readonly { body: unknown; delaySeconds?: number }[]): Promise<void>;
}

export interface BlobPutOptions {
  /**
   * Nobody may change or delete the object before this instant (S3 Object Lock, compliance mode); the
   * put then also carries a checksum, which S3 requires of every Object Lock write.
   */
  readonly retainUntil?: Date;
}

/** A stored object read whole, with the records retention now on it. */
export interface RetainedBlob {
  readonly body: Buffer;
  /** The retain-until date in place on the object: copies of it (attachments, large bodies) get the same. */
  readonly retainUntil: Date;
}

export interface BlobStore {
  get(key: string): Promise<Buffer>;
  put(key: string, body: Buffer | string, contentType: string, options?: BlobPutOptions): Promise<void>;
  /** Size in bytes without reading the body (guards before a parse). */
  size(key: string): Promise<number>;
  /**
   * Reads a stored object and puts the records retention on it: compliance mode (nobody, root included,
   * can delete it or shorten it) until the store's retention period after the object was stored. Idempotent,
   * and never shortens a longer retention already in place. An object larger than `maxBytes` is retained
   * all the same, then refused with `BlobTooLargeError` before its body is read.
   */
  getRetained(key: string, options?: { readonly maxBytes?: number }): Promise<RetainedBlob>;
}

export interface SentMail {
  /** The provider's id for the message (SES MessageId); bounces and complaints name it. */
  readonly providerMessageId: string;
  /** The Message-ID header the recipient sees, without angle brackets (SES replaces ours with its own). */
  readonly messageId: string;
}

export interface RawMailSender {
  /** Sends exactly these MIME bytes. Throws `SendThrottledError` when the provider refuses for rate or quota. */
  sendRaw(raw: Buffer, envelope: { from: string; to: readonly string[] }): Promise<SentMail>;
  /** The Message-ID header the provider gave the message it calls `providerMessageId`. */
  messageIdOf(providerMessageId: string): string;
}

/** Timer message body: wake up for one deadline of one case. */
export interface TimerMessage {
  readonly tracking: TrackingNumber;
  readonly kind: DeadlineKind;
  readonly deadlineId: string;
  readonly dueAt: string;
}

/** The active SLA policy and templates as last recorded, and the record of every change to them. */
export interface ConfigurationRecord {
  readonly policyVersion: string;
  readonly templatesVersion: string;
  /** The full policy as it was (JSON), so a change record can show the diff against it. */
  readonly policy: unknown;
  readonly recordedAt: string;
}

export interface ConfigurationChange {
  readonly at: string;
  readonly actor: string;
  readonly from?: ConfigurationRecord;
  readonly to: ConfigurationRecord;
  readonly policyDiff: readonly unknown[];
  readonly templatesChanged: boolean;
  /** A change to complaint handling: the firm must tell its regulator (reminder due at this instant). */
  readonly regulatorNoticeDueAt?: string;
}

export interface ConfigurationStore {
  current(): Promise<ConfigurationRecord | undefined>;
  /** Records a change; false when another writer recorded the same or a newer state first. */
  record(change: ConfigurationChange, expectedCurrent: ConfigurationRecord | undefined): Promise<boolean>;
  listChanges(limit: number): Promise<ConfigurationChange[]>;
  /** Reminders to notify the regulator that are due at or before `before` and not yet acknowledged. */
  dueRegulatorNotices(before: string): Promise<ConfigurationChange[]>;
}

/**
 * Counters with a ceiling, for the acknowledgement budget (core/ack-budget.ts): one item per window
 * (a minute of all senders, a day of one sender) that expires with its window.
 */
export interface AckCounters {
  /**
   * Adds one to `key` unless it already holds `limit`, atomically; true when this call took a place.
   * Concurrent callers never together exceed `limit`. The counter may be forgotten after `expiresAt`.
   */
  take(key: string, limit: number, expiresAt: Date): Promise<boolean>;
}

/** Which cases' audit chains moved in an hour (written with each change; read by the hourly manifest). */
export interface ChangeJournal {
  /** Cases with new audit events in the UTC hour `YYYY-MM-DDTHH`. */
  changedIn(hour: string): Promise<TrackingNumber[]>;
}

/** The write-once, Object-Locked store of audit manifests (core/audit-manifest.ts). */
export interface ManifestStore {
  /** Whether the manifest of this hour is already written. */
  exists(hour: string): Promise<boolean>;
  /** Writes it under compliance retention. */
  put(manifest: AuditManifest): Promise<void>;
}

/** A case item as a scan of the whole table finds it (docs/scale-migration.md). */
export interface ScannedCase {
  readonly case: Case;
  /**
   * Whether the item carries the sharded status index's keys. Every version written since they exist
   * does; a case last written before them does not (it is in the old, unsharded status index).
   */
  readonly statusKeys: boolean;
}

/** The case items of a table, read in disjoint segments (parallel scan) a page at a time. */
export interface CaseScan {
  /** The case items of segment `segment` of `segments`; every case item is in exactly one segment. */
  scanCases(segment: number, segments: number): AsyncIterable<readonly ScannedCase[]>;
}

/** Where the layout backfill reads the cases as they were at the deploy: a point-in-time restore. */
export interface BackfillSource extends CaseScan {
  listEvents(tracking: TrackingNumber): Promise<AuditEvent[]>;
}

/**
 * What adding a case's counters came to: `added`; `already` (an earlier run added them, nothing added);
 * `changed` (the live case moved on from `version` while still without the status keys, so the version
 * read from the source is not the last one written before the deploy: nothing added).
 */
export type AggregatesBackfill = 'added' | 'already' | 'changed';

/** The live table the layout backfill migrates. */
export interface BackfillTarget extends CaseScan {
  /**
   * Adds `delta` to the report counters once per case: a marker of its own is written in the same
   * transaction, so a second call adds nothing (`already`). Applies only while the live case is still at
   * `version` or already carries the status keys (else `changed`).
   */
  addCaseAggregates(tracking: TrackingNumber, version: number, delta: AggregateDelta): Promise<AggregatesBackfill>;
  /**
   * Gives the case item the sharded status keys derived from `c` and drops its old status-index keys, if
   * the item is still at `c.version` without them; false (nothing written) when it moved on.
   */
  moveStatusKeys(c: Case): Promise<boolean>;
}
