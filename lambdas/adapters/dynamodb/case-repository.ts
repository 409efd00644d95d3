import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { AuditEvent } from '../../core/audit-chain';
import { CASE_STATUSES, type Case } from '../../core/case';
import { ConcurrencyError, DocketError, DuplicateError } from '../../core/errors';
import type { CaseMessage } from '../../core/message';
import type {
  CaseChange,
  CasePage,
  CaseQuery,
  CaseRepository,
  DueCase,
  DuePage,
  DueQuery,
  ListedCase,
  MessagePosition,
  QuarantineRecord,
} from '../../core/ports';
import type { TrackingNumber } from '../../core/tracking-number';
import { INDEXES, TTL_ATTRIBUTE } from './table-schema';
import { itemToCase, trackingFromDueSortKey } from './case-item';
import { caseChangeItems, type CaseItemRole } from './case-change-items';
import { decodeCursor, encodeCursor } from './cursor';
import {
  allDueShards,
  allStatusPartitions,
  caseKey,
  counterKey,
  keyPart,
  leaseKey,
  messageSortKey,
  idempotencyKey,
  messageIdKey,
  pendingReferenceKey,
  quarantineKey,
} from './keys';

/** DynamoDB's limit on items in one transaction. */
const MAX_TRANSACTION_ITEMS = 100;
/** DynamoDB's limit on keys in one BatchGetItem. */
const MAX_BATCH_GET_KEYS = 100;
/** Rounds of a BatchGetItem whose keys DynamoDB keeps leaving unprocessed before the caller's retry takes over. */
const BATCH_GET_ATTEMPTS = 8;

/** Where a status listing stands: the status (index into the statuses listed) and each shard's start key. */
interface StatusCursor {
  s: number;
  /** By shard: the key to continue after; `null` once the shard is read to its end; absent before its start. */
  k: Record<number, Record<string, unknown> | null>;
}

/** The status index's key of an item (the table keys and the index keys), to continue a query after it. */
const indexKeyOf = (item: Record<string, unknown>): Record<string, unknown> => {
  const ix = INDEXES.casesByStatus;
  return { PK: item.PK, SK: item.SK, [ix.partitionKey]: item[ix.partitionKey], [ix.sortKey]: item[ix.sortKey] };
};

/**
 * Attempts of a transaction cancelled only because another transaction held one of its items (the day's
 * report counters are shared by every case received that day). Such a cancellation applied nothing.
 */
const CONFLICT_ATTEMPTS = 4;

/** The case repository on the single DynamoDB table (docs/architecture.md, "Data model"). */
export class DynamoCaseRepository implements CaseRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async getCase(tracking: TrackingNumber): Promise<Case | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: caseKey(tracking), ConsistentRead: true }),
    );
    return out.Item ? itemToCase(out.Item) : undefined;
  }

  async commit(change: CaseChange): Promise<void> {
    const { items, roles } = caseChangeItems(this.tableName, change, this.now(), TTL_ATTRIBUTE);
    if (items.length > MAX_TRANSACTION_ITEMS) {
      throw new DocketError(
        `a case change has ${items.length} writes, more than DynamoDB's ${MAX_TRANSACTION_ITEMS} per transaction`,
      );
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (err) {
        if (!(err instanceof TransactionCanceledException)) throw err;
        const conflictOnly = (err.CancellationReasons ?? []).every(
          (r) => !r.Code || r.Code === 'None' || r.Code === 'TransactionConflict',
        );
        if (conflictOnly && attempt < CONFLICT_ATTEMPTS) {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
          continue;
        }
        throw this.explainCancellation(err, roles, change);
      }
    }
  }

  private explainCancellation(err: TransactionCanceledException, roles: CaseItemRole[], change: CaseChange): Error {
    const failed = (err.CancellationReasons ?? [])
      .map((r, i) => ({ code: r.Code, role: roles[i] }))
      .filter((r) => r.code && r.code !== 'None');
    if (failed.some((f) => f.role === 'idempotency')) {
      return new DuplicateError(`case ${change.case.tracking}: this change was already applied`, { cause: err });
    }
    // A conflicting transaction in flight on one of the items (racing mails of one thread) is a lost race too.
    if (failed.every((f) => f.code === 'ConditionalCheckFailed' || f.code === 'TransactionConflict')) {
      const what = failed.map((f) => f.role).join(', ');
      return new ConcurrencyError(`case ${change.case.tracking}: a concurrent write won (${what})`, { cause: err });
    }
    return err; // throttling, validation: let the caller's retry (SQS redelivery) handle it
  }

  async listMessages(tracking: TrackingNumber): Promise<CaseMessage[]> {
    return (
      await this.queryAll({
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': `CASE#${tracking}`, ':p': 'MSG#' },
      })
    ).map(({ PK: _pk, SK: _sk, itemType: _t, ...m }) => m as unknown as CaseMessage);
  }

  async listMessagePage(
    tracking: TrackingNumber,
    page: { readonly limit: number; readonly after?: MessagePosition },
  ): Promise<{ items: CaseMessage[]; more: boolean }> {
    const pk = `CASE#${tracking}`;
    // One entry past the page tells whether more remain without a second, empty page.
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined = page.after
      ? { PK: pk, SK: messageSortKey(page.after.at, page.after.id) }
      : undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          ConsistentRead: true,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
          ExpressionAttributeValues: { ':pk': pk, ':p': 'MSG#' },
          Limit: page.limit + 1 - items.length,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start && items.length <= page.limit);
    return {
      items: items.slice(0, page.limit).map(({ PK: _pk, SK: _sk, itemType: _t, ...m }) => m as unknown as CaseMessage),
      more: items.length > page.limit,
    };
  }

  async listEvents(tracking: TrackingNumber): Promise<AuditEvent[]> {
    return (
      await this.queryAll({
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': `CASE#${tracking}`, ':p': 'EVT#' },
      })
    ).map(({ PK: _pk, SK: _sk, itemType: _t, tracking: _tr, ...e }) => e as unknown as AuditEvent);
  }

  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({ TableName: this.tableName, ConsistentRead: true, ...input, ExclusiveStartKey: start }),
      );
      out.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async findCaseByMessageId(messageId: string): Promise<TrackingNumber | undefined> {
    // Consistent: intake re-reads links after losing a race to the mail that wrote one (pending references).
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: messageIdKey(messageId), ConsistentRead: true }),
    );
    return out.Item?.tracking as TrackingNumber | undefined;
  }

  async findPendingReferences(
    sender: string,
    messageIds: readonly string[],
  ): Promise<ReadonlyMap<string, TrackingNumber>> {
    const now = Math.floor(this.now().getTime() / 1000);
    // Callers bound the ids (a References chain is capped before it gets here): a few parallel reads.
    const ids = [...new Set(messageIds)];
    const items = await Promise.all(
      ids.map(async (id) => {
        const out = await this.db.send(
          new GetCommand({ TableName: this.tableName, Key: pendingReferenceKey(id, sender), ConsistentRead: true }),
        );
        return out.Item;
      }),
    );
    const found = new Map<string, TrackingNumber>();
    ids.forEach((id, i) => {
      const item = items[i];
      // DynamoDB's TTL deletes late: a lapsed reference is treated as gone.
      if (item && Number(item[TTL_ATTRIBUTE]) >= now) found.set(id, item.tracking as TrackingNumber);
    });
    return found;
  }

  async findIdempotencyKey(key: string): Promise<{ tracking: TrackingNumber } | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: idempotencyKey(key), ConsistentRead: true }),
    );
    return out.Item ? { tracking: out.Item.tracking as TrackingNumber } : undefined;
  }

  async findIdempotencyKeys(keys: readonly string[]): Promise<ReadonlyMap<string, { tracking: TrackingNumber }>> {
    const unique = [...new Set(keys)];
    if (unique.length > MAX_BATCH_GET_KEYS)
      throw new DocketError(`${unique.length} keys are more than DynamoDB's ${MAX_BATCH_GET_KEYS} per BatchGetItem`);
    // Long keys are stored under their digest (keyPart): answers are matched back through the item key.
    const byPk = new Map(unique.map((k) => [idempotencyKey(k).PK, k]));
    const found = new Map<string, { tracking: TrackingNumber }>();
    let pending: Record<string, unknown>[] = unique.map(idempotencyKey);
    // DynamoDB may leave keys unprocessed (throughput): those are asked again, after a short pause.
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt >= BATCH_GET_ATTEMPTS)
        throw new DocketError(`${pending.length} idempotency keys still unread after ${attempt} BatchGetItem attempts`);
      if (attempt) await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** Math.min(attempt, 6)));
      const out = await this.db.send(
        new BatchGetCommand({
          RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } },
        }),
      );
      for (const item of out.Responses?.[this.tableName] ?? []) {
        const key = byPk.get(String(item.PK));
        if (key !== undefined) found.set(key, { tracking: item.tracking as TrackingNumber });
      }
      pending = out.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    }
    return found;
  }

  queryCases(query: CaseQuery & { readonly customer: string }): Promise<CasePage<Case>>;
  queryCases(query: CaseQuery): Promise<CasePage>;
  async queryCases(query: CaseQuery): Promise<CasePage> {
    return query.customer !== undefined
      ? this.casesOfCustomer({ ...query, customer: query.customer })
      : this.casesByStatus(query);
  }

  private async casesOfCustomer(query: CaseQuery & { readonly customer: string }): Promise<CasePage<Case>> {
    const ix = INDEXES.byCustomer;
    const items: Case[] = [];
    let startKey = query.cursor ? decodeCursor<{ k?: Record<string, unknown> }>(query.cursor).k : undefined;
    while (items.length < query.limit) {
      const filters: string[] = [];
      const values: Record<string, unknown> = { ':pk': `CUST#${keyPart(query.customer.toLowerCase())}` };
      if (query.assignee) {
        filters.push('assignee = :a');
        values[':a'] = query.assignee;
      }
      if (query.status) {
        filters.push('#st = :s');
        values[':s'] = query.status;
      }
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: ix.name,
          KeyConditionExpression: `${ix.partitionKey} = :pk`,
          ExpressionAttributeValues: values,
          ...(query.status ? { ExpressionAttributeNames: { '#st': 'status' } } : {}),
          ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
          Limit: query.limit - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []).map(itemToCase));
      startKey = page.LastEvaluatedKey;
      if (!startKey) return { items };
    }
    return { items, cursor: encodeCursor({ k: startKey }) };
  }

  /**
   * Cases by status from the sharded status index: the shards of a status are read in parallel and merged
   * by creation time. An item is returned only when no shard can still hold an earlier one (its key is at
   * or below every unfinished shard's last read key), so pages keep the order the unsharded index had.
   * The cursor holds each shard's position (`null` once a shard is done).
   */
  private async casesByStatus(query: CaseQuery): Promise<CasePage> {
    const ix = INDEXES.casesByStatus;
    const statuses = query.status ? [query.status] : [...CASE_STATUSES];
    const cursor = query.cursor ? decodeCursor<StatusCursor>(query.cursor) : { s: 0, k: {} };
    let statusIndex = cursor.s;
    let positions: StatusCursor['k'] = cursor.k;
    const items: ListedCase[] = [];
    while (items.length < query.limit) {
      const need = query.limit - items.length;
      const partitions = allStatusPartitions(statuses[statusIndex]!);
      const pages = await Promise.all(
        partitions.map(async (pk, shard) => {
          const start = positions[shard];
          if (start === null) return { shard, items: [] as Record<string, unknown>[], last: null };
          const page = await this.db.send(
            new QueryCommand({
              TableName: this.tableName,
              IndexName: ix.name,
              KeyConditionExpression: `${ix.partitionKey} = :pk`,
              ExpressionAttributeValues: { ':pk': pk, ...(query.assignee ? { ':a': query.assignee } : {}) },
              ...(query.assignee ? { FilterExpression: 'assignee = :a' } : {}),
              Limit: need,
              ExclusiveStartKey: start,
            }),
          );
          return { shard, items: page.Items ?? [], last: page.LastEvaluatedKey ?? null };
        }),
      );
      // The highest key up to which every shard has been read.
      const bound = pages.reduce<string | undefined>((min, p) => {
        if (p.last === null) return min;
        const k = String(p.last[ix.sortKey]);
        return min === undefined || k < min ? k : min;
      }, undefined);
      const merged = pages
        .flatMap((p) => p.items.map((item) => ({ shard: p.shard, item, key: String(item[ix.sortKey]) })))
        .filter((x) => bound === undefined || x.key <= bound)
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .slice(0, need);
      const next: StatusCursor['k'] = { ...positions };
      for (const p of pages) {
        if (positions[p.shard] === null) continue;
        const taken = merged.filter((m) => m.shard === p.shard);
        if (taken.length === p.items.length) next[p.shard] = p.last;
        else if (taken.length) next[p.shard] = indexKeyOf(taken[taken.length - 1]!.item);
      }
      positions = next;
      items.push(...merged.map((m) => itemToCase(m.item) as ListedCase));
      if (partitions.every((_, shard) => positions[shard] === null)) {
        if (statusIndex >= statuses.length - 1) return { items };
        statusIndex += 1;
        positions = {};
      }
    }
    return { items, cursor: encodeCursor({ s: statusIndex, k: positions } satisfies StatusCursor) };
  }

  async listDueCases(query: DueQuery): Promise<DuePage> {
    const { after, before, limit } = query;
    // `#\uffff` sorts after every `<instant>#<tracking>` of that instant: (after, before] on the instant.
    const upper = `${before}#\uffff`;
    const range =
      after === undefined
        ? { KeyConditionExpression: 'DUEPK = :p AND DUESK <= :b', values: { ':b': upper } }
        : {
            KeyConditionExpression: 'DUEPK = :p AND DUESK BETWEEN :a AND :b',
            values: { ':a': `${after}#\uffff`, ':b': upper },
          };
    // Each shard is read in due order up to `limit + 1` entries (one more tells whether there were more).
    const perShard = await Promise.all(
      allDueShards().map(async (shard) => {
        const items: Record<string, unknown>[] = [];
        let start: Record<string, unknown> | undefined;
        do {
          const page = await this.db.send(
            new QueryCommand({
              TableName: this.tableName,
              IndexName: INDEXES.dueDeadlines.name,
              KeyConditionExpression: range.KeyConditionExpression,
              ExpressionAttributeValues: { ':p': shard, ...range.values },
              Limit: limit + 1 - items.length,
              ExclusiveStartKey: start,
            }),
          );
          items.push(...(page.Items ?? []));
          start = page.LastEvaluatedKey;
        } while (start && items.length <= limit);
        return items;
      }),
    );
    const all = perShard
      .flat()
      .map((i): DueCase => ({
        tracking: trackingFromDueSortKey(String(i.DUESK)),
        nextDueAt: String(i.nextDueAt),
        deadlines: (i.deadlines ?? {}) as DueCase['deadlines'],
      }))
      .sort((a, b) => (a.nextDueAt < b.nextDueAt ? -1 : a.nextDueAt > b.nextDueAt ? 1 : 0));
    return { items: all.slice(0, limit), truncated: all.length > limit };
  }

  async quarantine(record: QuarantineRecord): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...quarantineKey(record.id),
            itemType: 'quarantine',
            GSI2PK: 'QUARANTINE',
            GSI2SK: `${record.at}#${record.id}`,
            ...record,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err; // already quarantined: idempotent
    }
  }

  async getQuarantine(id: string): Promise<QuarantineRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: quarantineKey(id) }));
    if (!out.Item) return undefined;
    const { PK: _pk, SK: _sk, itemType: _t, GSI2PK: _g, GSI2SK: _s, ...record } = out.Item;
    return record as QuarantineRecord;
  }

  async incrementCounter(key: string, expiresAt?: Date, delta = 1): Promise<number> {
    const out = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: counterKey(key),
        UpdateExpression: expiresAt ? 'ADD n :d SET #ttl = if_not_exists(#ttl, :e)' : 'ADD n :d',
        ...(expiresAt ? { ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE } } : {}),
        ExpressionAttributeValues: {
          ':d': delta,
          ...(expiresAt ? { ':e': Math.floor(expiresAt.getTime() / 1000) } : {}),
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.n ?? 0);
  }

  async readCounter(key: string): Promise<number> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: counterKey(key), ConsistentRead: true }),
    );
    const n = Number(out.Item?.n ?? 0);
    // Expired-but-not-yet-deleted items (TTL deletes lazily) read as zero.
    const ttl = Number(out.Item?.[TTL_ATTRIBUTE] ?? 0);
    return ttl && ttl * 1000 < this.now().getTime() ? 0 : n;
  }

  async acquireLease(key: string, holder: string, until: Date): Promise<boolean> {
    const now = this.now().getTime();
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...leaseKey(key),
            itemType: 'lease',
            holder,
            until: until.getTime(),
            [TTL_ATTRIBUTE]: Math.floor(until.getTime() / 1000) + 86400,
          },
          ConditionExpression: 'attribute_not_exists(PK) OR #until < :now OR holder = :h',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':now': now, ':h': holder },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async releaseLease(key: string, holder: string): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: leaseKey(key),
          ConditionExpression: 'holder = :h',
          ExpressionAttributeValues: { ':h': holder },
        }),
      );
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }
}
