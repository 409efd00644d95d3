import {
  ConditionalCheckFailedException,
  QueryCommand as RawQueryCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { CASE_STATUSES, type Case } from '../../core/case';
import type { CreatedPage, CreatedPageQuery, ReportStore } from '../../core/reports/report-store';
import type { Counters } from '../../core/reports/aggregates';
import { AGGREGATE_SHARDS, INDEXES, STATUS_SHARDS } from './table-schema';
import { itemToCase } from './case-item';
import { aggregateItemKey, allStatusPartitions } from './keys';

/** Counters one conditional update removes at most (well inside DynamoDB's expression limits). */
const REMOVE_PER_UPDATE = 50;

/** Case reads in flight at once when an export loads the cases the index listed. */
const GETS_IN_FLIGHT = 16;
/** The fewest keys one status-index read asks for (a small page still merges in one or two rounds). */
const MIN_INDEX_READ = 4;

interface IndexKey {
  readonly PK: unknown;
  readonly SK: unknown;
  readonly sortKey: string;
}

const needsRead = (p: IndexCursor): boolean => !p.buffered.length && !p.exhausted;

/** One status-index partition in a page's merge: keys read but not yet merged, and where to read on. */
interface IndexCursor {
  readonly pk: string;
  readonly buffered: IndexKey[];
  start?: Record<string, unknown>;
  exhausted: boolean;
}

/**
 * Adds an item's number attributes into `sum`. Counters are whole numbers well inside 2^53 (the largest,
 * a day's summed resolution milliseconds, is ~10^12 at a large exchange); one beyond would no longer add
 * up exactly, so it fails the read rather than give a wrong figure.
 */
function addNumbers(sum: Counters, item: Record<string, AttributeValue>): void {
  for (const name in item) {
    const n = item[name]!.N;
    if (n === undefined) continue;
    const v = Number(n);
    if (!Number.isSafeInteger(v)) throw new Error(`report counter ${name} is not a safe integer: ${n}`);
    sum[name] = (sum[name] ?? 0) + v;
  }
}

const snapshotKey = (kind: string, key: string) => ({ PK: `REPORT#${kind}`, SK: key });

/**
 * Report reads on the single table. Reports read the aggregate items (`AGG#<shard>#<cohort>#<group>` /
 * `<day>`) that every case commit updates; exports read cases by creation time from the sharded status
 * index (keys only) and then the case items themselves.
 */
export class DynamoReportStore implements ReportStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async casesCreatedBetween(from: string, to: string): Promise<Case[]> {
    const ix = INDEXES.casesByStatus;
    const partitions = CASE_STATUSES.flatMap((status) => allStatusPartitions(status));
    const perPartition = await Promise.all(
      partitions.map(async (pk) => {
        const keys: Record<string, unknown>[] = [];
        let start: Record<string, unknown> | undefined;
        do {
          // STATUSSK = "<createdAt>#<tracking>": ">= from" includes a case created exactly at `from`, "< to" excludes `to`.
          const page = await this.db.send(
            new QueryCommand({
              TableName: this.tableName,
              IndexName: ix.name,
              KeyConditionExpression: `${ix.partitionKey} = :pk AND ${ix.sortKey} BETWEEN :from AND :to`,
              ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': to },
              ProjectionExpression: 'PK, SK, createdAt',
              ExclusiveStartKey: start,
            }),
          );
          for (const i of page.Items ?? []) if (String(i.createdAt) < to) keys.push({ PK: i.PK, SK: i.SK });
          start = page.LastEvaluatedKey;
        } while (start);
        return keys;
      }),
    );
    // The index carries listing fields only: the whole cases come from the table.
    return (await this.getAll(perPartition.flat())).filter((c) => c.createdAt >= from && c.createdAt < to);
  }

  async casesCreatedPage(q: CreatedPageQuery): Promise<CreatedPage> {
    const after = q.after ?? '';
    // Sort keys are "<createdAt>#<tracking>" with fixed-width ISO instants: key < to exactly when createdAt < to.
    const low = after > q.from ? after : q.from;
    const partitions = CASE_STATUSES.flatMap((status) => allStatusPartitions(status)).map((pk): IndexCursor => ({
      pk,
      buffered: [],
      exhausted: false,
    }));
    // A k-way merge that reads each partition a few keys at a time and refills only the partitions the
    // merge has emptied: the index keys read stay near `limit` plus one read's worth per partition,
    // however many cases the range holds. Reading `limit` keys from each of the 40 partitions up front
    // costs 40 pages of index reads for one page of cases once the range is large.
    const chunk = Math.max(MIN_INDEX_READ, Math.ceil((q.limit + 1) / STATUS_SHARDS));
    const taken: IndexKey[] = [];
    for (;;) {
      // A read can come back empty and still not be the end (its keys all at or before `after`): read on.
      for (let empty = partitions.filter(needsRead); empty.length; empty = partitions.filter(needsRead))
        await Promise.all(empty.map((p) => this.readIndex(p, low, q.to, after, chunk)));
      const live = partitions.filter((p) => p.buffered.length);
      // Every partition with keys left has some buffered: the smallest buffered key is the range's next.
      while (taken.length <= q.limit && live.length) {
        let min = live[0]!;
        for (const p of live) if (p.buffered[0]!.sortKey < min.buffered[0]!.sortKey) min = p;
        taken.push(min.buffered.shift()!);
        if (!min.buffered.length) {
          if (!min.exhausted) break;
          live.splice(live.indexOf(min), 1);
        }
      }
      if (taken.length > q.limit || partitions.every((p) => p.exhausted && !p.buffered.length)) break;
    }
    const key = (c: Case): string => `${c.createdAt}#${c.tracking}`;
    const cases = (await this.getAll(taken.slice(0, q.limit).map(({ PK, SK }) => ({ PK, SK })))).sort((a, b) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0,
    );
    return { cases, more: taken.length > q.limit };
  }

  /** The next `limit` keys of one status-index partition in (after, to), appended to its buffer. */
  private async readIndex(p: IndexCursor, low: string, to: string, after: string, limit: number): Promise<void> {
    const ix = INDEXES.casesByStatus;
    const page = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: ix.name,
        KeyConditionExpression: `${ix.partitionKey} = :pk AND ${ix.sortKey} BETWEEN :low AND :to`,
        ExpressionAttributeValues: { ':pk': p.pk, ':low': low, ':to': to },
        ProjectionExpression: `PK, SK, ${ix.sortKey}`,
        Limit: limit,
        ...(p.start ? { ExclusiveStartKey: p.start } : {}),
      }),
    );
    for (const i of page.Items ?? []) {
      const sortKey = String(i[ix.sortKey]);
      if (sortKey > after && sortKey < to) p.buffered.push({ PK: i.PK, SK: i.SK, sortKey });
    }
    p.start = page.LastEvaluatedKey;
    p.exhausted = p.start === undefined;
  }

  /** Reads whole cases by key, a few at a time (GetItem only: the functions need no BatchGetItem grant). */
  private async getAll(keys: readonly Record<string, unknown>[]): Promise<Case[]> {
    const out: Case[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(GETS_IN_FLIGHT, keys.length) }, async () => {
        while (next < keys.length) {
          const key = keys[next++]!;
          const res = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
          if (res.Item) out.push(itemToCase(res.Item));
        }
      }),
    );
    return out.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  }

  async sumAggregates(
    cohort: 'C' | 'R' | 'G',
    group: string,
    fromDay: string,
    lastDay: string,
    only?: readonly string[],
  ): Promise<Counters> {
    // One running sum over every item: no per-day objects to build and add up again.
    const sum: Counters = {};
    await this.eachAggregateItem(cohort, group, fromDay, lastDay, only, (item) => addNumbers(sum, item));
    return sum;
  }

  async aggregatesByDay(
    cohort: 'C' | 'R' | 'G',
    group: string,
    fromDay: string,
    lastDay: string,
    only?: readonly string[],
  ): Promise<Record<string, Counters>> {
    const byDay: Record<string, Counters> = {};
    await this.eachAggregateItem(cohort, group, fromDay, lastDay, only && ['SK', ...only], (item) =>
      addNumbers((byDay[String(item.SK?.S)] ??= {}), item),
    );
    return byDay;
  }

  async compactAggregates(cohort: 'C' | 'R', group: string, fromDay: string, lastDay: string): Promise<number> {
    let removed = 0;
    await this.eachAggregateItem(cohort, group, fromDay, lastDay, undefined, async (item) => {
      const zeros = Object.entries(item)
        .filter(([, v]) => v.N !== undefined && Number(v.N) === 0)
        .map(([k]) => k);
      for (let i = 0; i < zeros.length; i += REMOVE_PER_UPDATE) {
        const names = zeros.slice(i, i + REMOVE_PER_UPDATE);
        const refs = names.map((_n, j) => `#c${j}`);
        try {
          await this.db.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { PK: item.PK?.S, SK: item.SK?.S },
              UpdateExpression: `REMOVE ${refs.join(', ')}`,
              // Only while still zero: a commit that added to one of them since the read keeps it.
              ConditionExpression: refs.map((r) => `${r} = :zero`).join(' AND '),
              ExpressionAttributeNames: Object.fromEntries(refs.map((r, j) => [r, names[j]!])),
              ExpressionAttributeValues: { ':zero': 0 },
            }),
          );
          removed += names.length;
        } catch (err) {
          if (!(err instanceof ConditionalCheckFailedException)) throw err;
        }
      }
    });
    return removed;
  }

  /**
   * Visits every aggregate item (one day's counters of one shard) of a group over [fromDay, lastDay]: one
   * range query per shard, the shards at once, each shard's items in day order. `only` limits the
   * attributes read (a report that needs two counters of an item holding hundreds reads two).
   *
   * The items come as DynamoDB attribute values, not through the document client's unmarshalling: a day's
   * item holds up to some hundreds of counters, and a report reads thousands of items, so converting
   * each one to a plain object before adding it up cost as much as the adding (see `addNumbers`).
   */
  private async eachAggregateItem(
    cohort: 'C' | 'R' | 'G',
    group: string,
    fromDay: string,
    lastDay: string,
    only: readonly string[] | undefined,
    visit: (item: Record<string, AttributeValue>) => void | Promise<void>,
  ): Promise<void> {
    const projection = only && {
      ProjectionExpression: only.map((_n, i) => `#p${i}`).join(', '),
      ExpressionAttributeNames: Object.fromEntries(only.map((n, i) => [`#p${i}`, n])),
    };
    await Promise.all(
      Array.from({ length: AGGREGATE_SHARDS }, async (_, shard) => {
        let start: Record<string, AttributeValue> | undefined;
        do {
          // The low-level command through the document client: its middleware leaves the items as they came.
          const page = await this.db.send(
            new RawQueryCommand({
              TableName: this.tableName,
              KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
              ExpressionAttributeValues: {
                ':pk': { S: aggregateItemKey(shard, cohort, group, fromDay).PK },
                ':from': { S: fromDay },
                ':to': { S: lastDay },
              },
              ...projection,
              ExclusiveStartKey: start,
            }),
          );
          for (const item of page.Items ?? []) await visit(item);
          start = page.LastEvaluatedKey;
        } while (start);
      }),
    );
  }

  async getSnapshot(kind: string, key: string): Promise<{ body: unknown; frozenAt: string } | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: snapshotKey(kind, key), ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    return { body: JSON.parse(String(out.Item.body)) as unknown, frozenAt: String(out.Item.frozenAt) };
  }

  async freezeSnapshot(
    kind: string,
    key: string,
    body: unknown,
    frozenAt: string,
  ): Promise<{ body: unknown; frozenAt: string }> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          // Stored as a JSON string: the figures are returned byte-for-byte as filed, whatever DynamoDB does to numbers.
          Item: { ...snapshotKey(kind, key), itemType: 'report_snapshot', body: JSON.stringify(body), frozenAt },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return { body, frozenAt };
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      const existing = await this.getSnapshot(kind, key);
      if (!existing) throw err;
      return existing;
    }
  }
}
