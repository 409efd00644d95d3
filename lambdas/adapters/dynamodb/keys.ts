import { createHash } from 'node:crypto';
import type { TrackingNumber } from '../../core/tracking-number';
import { AGGREGATE_SHARDS, DUE_SHARDS, STATUS_SHARDS } from './table-schema';
import type { CaseStatus } from '../../core/case';

/**
 * DynamoDB caps partition keys at 2048 bytes and sort keys at 1024. Parts that come from mail (Message-IDs,
 * addresses) are untrusted and unbounded, so long ones are replaced by their digest: still unique, still
 * deterministic, never a rejected write.
 */
const MAX_KEY_PART_BYTES = 512;
export function keyPart(value: string): string {
  return Buffer.byteLength(value, 'utf8') <= MAX_KEY_PART_BYTES
    ? value
    : `sha256:${createHash('sha256').update(value, 'utf8').digest('hex')}`;
}

/** Key builders for the single table (docs/architecture.md, "Data model"). */
export const caseKey = (t: TrackingNumber) => ({ PK: `CASE#${t}`, SK: 'META' });
export const messageSortKey = (at: string, id: string) => `MSG#${at}#${id}`;
export const eventSortKey = (seq: number) => `EVT#${String(seq).padStart(10, '0')}`;
export const messageIdKey = (messageId: string) => ({ PK: `MID#${keyPart(messageId)}`, SK: 'LINK' });
export const idempotencyKey = (key: string) => ({ PK: `IDEM#${keyPart(key)}`, SK: 'IDEM' });
export const quarantineKey = (id: string) => ({ PK: `QUAR#${keyPart(id)}`, SK: 'QUAR' });
export const counterKey = (key: string) => ({ PK: `COUNT#${keyPart(key)}`, SK: 'COUNT' });

function trackingHash(t: TrackingNumber): number {
  let h = 0;
  for (const ch of t) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}

/** Spreads open-deadline index writes over a few partitions (no single hot GSI key during a surge). */
export function dueShard(t: TrackingNumber): string {
  return `DUE#${trackingHash(t) % DUE_SHARDS}`;
}

/** A case's partition of the status index; it keeps its shard when its status changes. */
export const statusPartition = (status: CaseStatus, t: TrackingNumber): string =>
  `STATUS#${status}#${trackingHash(t) % STATUS_SHARDS}`;
export const allStatusPartitions = (status: CaseStatus): string[] =>
  Array.from({ length: STATUS_SHARDS }, (_, i) => `STATUS#${status}#${i}`);

/** The shard of a case's report counters: all of one case's counters land in the same shard. */
export const aggregateShard = (t: TrackingNumber): number => trackingHash(t) % AGGREGATE_SHARDS;

/**
 * A report aggregate item: one partition per (shard, cohort, group) with one item per day, so a report
 * reads a range of days with one query per shard and group.
 */
export const aggregateItemKey = (shard: number, cohort: string, group: string, day: string) => ({
  PK: `AGG#${shard}#${cohort}#${keyPart(group)}`,
  SK: day,
});

export const allDueShards = (): string[] => Array.from({ length: DUE_SHARDS }, (_, i) => `DUE#${i}`);
export const leaseKey = (key: string) => ({ PK: `LEASE#${keyPart(key)}`, SK: 'LEASE' });

/**
 * A pending reference (docs/adr/0007-pending-references.md): one sender's mail named this Message-ID before
 * any case linked it. Keyed by both, so another sender can never steer someone else's mail into a case.
 */
export const pendingReferenceKey = (messageId: string, sender: string) => ({
  PK: `PREF#${keyPart(messageId)}`,
  SK: `FROM#${keyPart(sender.toLowerCase())}`,
});

/**
 * The layout backfill's record that a case's counters were added (docs/scale-migration.md). An item of its
 * own: a case write replaces the whole case item (and a write that read the case before the backfill would
 * drop a mark kept on it), so only a separate item makes a rerun add nothing twice.
 */
export const aggregatesBackfillKey = (t: TrackingNumber) => ({ PK: `BACKFILL#${t}`, SK: 'AGGREGATES' });
