import type { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseChange } from '../../core/ports';
import type { AggregateDelta } from '../../core/reports/aggregates';
import type { TrackingNumber } from '../../core/tracking-number';
import { caseToItem } from './case-item';
import { journalItem } from './change-journal';
import {
  aggregateItemKey,
  aggregateShard,
  eventSortKey,
  idempotencyKey,
  messageIdKey,
  messageSortKey,
  pendingReferenceKey,
} from './keys';

/** Idempotency records outlive any SQS redelivery (14 days retention) with a margin. */
const IDEMPOTENCY_TTL_DAYS = 30;

export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** What each write of a case change is for (a cancelled transaction's reasons are read by role). */
export type CaseItemRole =
  'case' | 'message' | 'event' | 'journal' | 'link' | 'idempotency' | 'pending_reference' | 'aggregate';

/**
 * The writes of one case change, in the order of its transaction: the case item (with its index keys),
 * messages, audit events, the change-journal entry, Message-ID links, idempotency keys, pending references
 * and the report counters. `now` stamps the journal hour and the TTLs (in `ttlAttribute`). The repository commits them as one
 * transaction; the bench's seeder writes the same items in batches, so seeded tables hold exactly what
 * intake and the API would have written.
 */
export function caseChangeItems(
  tableName: string,
  change: CaseChange,
  now: Date,
  ttlAttribute: string,
): { items: TransactItem[]; roles: CaseItemRole[] } {
  const t = change.case.tracking;
  const items: TransactItem[] = [];
  const roles: CaseItemRole[] = [];
  const caseCondition =
    change.expectedVersion === null
      ? { ConditionExpression: 'attribute_not_exists(PK)' }
      : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': change.expectedVersion } };
  items.push({ Put: { TableName: tableName, Item: caseToItem(change.case), ...caseCondition } });
  roles.push('case');
  for (const m of change.messages ?? []) {
    items.push({
      Put: {
        TableName: tableName,
        Item: { PK: `CASE#${t}`, SK: messageSortKey(m.at, m.id), itemType: 'message', ...m },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    });
    roles.push('message');
  }
  for (const e of change.events ?? []) {
    items.push({
      Put: {
        TableName: tableName,
        Item: { PK: `CASE#${t}`, SK: eventSortKey(e.seq), itemType: 'event', tracking: t, ...e },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    });
    roles.push('event');
  }
  // The hourly audit manifest (app/records/write-manifests.ts) lists the cases whose chain moved.
  if (change.events?.length) {
    items.push({ Put: { TableName: tableName, Item: journalItem(now, t, ttlAttribute) } });
    roles.push('journal');
  }
  for (const id of new Set(change.messageIdLinks ?? [])) {
    items.push({
      Put: {
        TableName: tableName,
        Item: { ...messageIdKey(id), itemType: 'link', tracking: t },
        // The first case a Message-ID was linked to keeps it: a forged reuse cannot move a thread.
        ConditionExpression: 'attribute_not_exists(PK) OR tracking = :t',
        ExpressionAttributeValues: { ':t': t },
      },
    });
    roles.push('link');
  }
  const expires = Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_DAYS * 86400;
  for (const key of new Set(change.idempotencyKeys ?? [])) {
    items.push({
      Put: {
        TableName: tableName,
        Item: {
          ...idempotencyKey(key),
          itemType: 'idempotency',
          tracking: t,
          at: change.case.updatedAt,
          [ttlAttribute]: expires,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    });
    roles.push('idempotency');
  }
  for (const item of pendingReferenceItems(tableName, change, now, ttlAttribute)) {
    items.push(item);
    roles.push('pending_reference');
  }
  for (const item of aggregateItems(tableName, t, change.aggregates ?? {})) {
    items.push(item);
    roles.push('aggregate');
  }
  return { items, roles };
}

/**
 * The `ADD` updates of report counters (docs/adr/0008-report-aggregates-in-the-case-transaction.md): one
 * item per aggregate key, in the case's shard. Case changes and the layout backfill both write them.
 */
export function aggregateItems(tableName: string, tracking: TrackingNumber, delta: AggregateDelta): TransactItem[] {
  const shard = aggregateShard(tracking);
  const items: TransactItem[] = [];
  for (const [key, counters] of Object.entries(delta)) {
    const [cohort, ...rest] = key.split('#');
    const day = rest.pop()!;
    const entries = Object.entries(counters);
    if (!entries.length) continue;
    items.push({
      Update: {
        TableName: tableName,
        Key: aggregateItemKey(shard, cohort!, rest.join('#'), day),
        UpdateExpression: `SET itemType = :it ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#c${i}`, k])),
        ExpressionAttributeValues: {
          ':it': 'aggregate',
          ...Object.fromEntries(entries.map(([, n], i) => [`:c${i}`, n])),
        },
      },
    });
  }
  return items;
}

/**
 * docs/adr/0007-pending-references.md: a reference is put only while no case links its Message-ID (checked
 * in the same transaction) and no live reference from the sender points elsewhere; a mail whose own
 * Message-ID gained a reference for another case meanwhile is refused. Either order of a racing pair
 * then fails one side's conditions, and that side re-reads and joins.
 */
function pendingReferenceItems(tableName: string, change: CaseChange, now: Date, ttlAttribute: string): TransactItem[] {
  const p = change.pendingReferences;
  if (!p) return [];
  const t = change.case.tracking;
  const live = { ':t': t, ':now': Math.floor(now.getTime() / 1000) };
  const linked = new Set(change.messageIdLinks ?? []);
  const ids = [...new Set(p.messageIds)].filter((id) => id !== p.ownMessageId && !linked.has(id));
  const items: TransactItem[] = [];
  for (const id of ids) {
    items.push({
      Put: {
        TableName: tableName,
        Item: {
          ...pendingReferenceKey(id, p.sender),
          itemType: 'pending_reference',
          tracking: t,
          [ttlAttribute]: Math.floor(Date.parse(p.expiresAt) / 1000),
        },
        ConditionExpression: `attribute_not_exists(PK) OR tracking = :t OR ${ttlAttribute} < :now`,
        ExpressionAttributeValues: live,
      },
    });
    items.push({
      ConditionCheck: {
        TableName: tableName,
        Key: messageIdKey(id),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    });
  }
  if (p.ownMessageId) {
    items.push({
      ConditionCheck: {
        TableName: tableName,
        Key: pendingReferenceKey(p.ownMessageId, p.sender),
        ConditionExpression: `attribute_not_exists(PK) OR tracking = :t OR ${ttlAttribute} < :now`,
        ExpressionAttributeValues: live,
      },
    });
  }
  return items;
}
