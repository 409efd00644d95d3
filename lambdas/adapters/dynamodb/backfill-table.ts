import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../core/audit-chain';
import type { Case } from '../../core/case';
import type { AggregatesBackfill, BackfillSource, BackfillTarget, ScannedCase } from '../../core/ports';
import type { AggregateDelta } from '../../core/reports/aggregates';
import type { TrackingNumber } from '../../core/tracking-number';
import { aggregateItems } from './case-change-items';
import { caseToItem, itemToCase } from './case-item';
import { aggregatesBackfillKey, caseKey } from './keys';
import { INDEXES } from './table-schema';

/**
 * Attempts of a transaction cancelled only by another transaction on one of its items: live commits share
 * the day's counter items with the backfill. Such a cancellation applied nothing.
 */
const CONFLICT_ATTEMPTS = 8;

/**
 * The case table as the layout backfill reads and migrates it (docs/scale-migration.md): the restored
 * source and the live table are both one of these.
 */
export class DynamoBackfillTable implements BackfillSource, BackfillTarget {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly opts: { readonly now?: () => Date; readonly scanLimit?: number } = {},
  ) {}

  async *scanCases(segment: number, segments: number): AsyncIterable<readonly ScannedCase[]> {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new ScanCommand({
          TableName: this.tableName,
          Segment: segment,
          TotalSegments: segments,
          // The version is compared on write: a consistent read spares needless conflicts.
          ConsistentRead: true,
          FilterExpression: 'SK = :meta AND begins_with(PK, :case)',
          ExpressionAttributeValues: { ':meta': 'META', ':case': 'CASE#' },
          ExclusiveStartKey: start,
          ...(this.opts.scanLimit ? { Limit: this.opts.scanLimit } : {}),
        }),
      );
      const items = (page.Items ?? []).map((item): ScannedCase => ({
        case: itemToCase(item),
        statusKeys: item[INDEXES.casesByStatus.partitionKey] !== undefined,
      }));
      if (items.length) yield items;
      start = page.LastEvaluatedKey;
    } while (start);
  }

  async listEvents(tracking: TrackingNumber): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          ConsistentRead: true,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
          ExpressionAttributeValues: { ':pk': `CASE#${tracking}`, ':p': 'EVT#' },
          ExclusiveStartKey: start,
        }),
      );
      for (const { PK: _pk, SK: _sk, itemType: _t, tracking: _tr, ...e } of page.Items ?? [])
        events.push(e as unknown as AuditEvent);
      start = page.LastEvaluatedKey;
    } while (start);
    return events;
  }

  async addCaseAggregates(
    tracking: TrackingNumber,
    version: number,
    delta: AggregateDelta,
  ): Promise<AggregatesBackfill> {
    const at = (this.opts.now?.() ?? new Date()).toISOString();
    const items = [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...aggregatesBackfillKey(tracking), itemType: 'backfill', tracking, version, at },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      {
        ConditionCheck: {
          TableName: this.tableName,
          Key: caseKey(tracking),
          ConditionExpression: `attribute_exists(${INDEXES.casesByStatus.partitionKey}) OR version = :v`,
          ExpressionAttributeValues: { ':v': version },
        },
      },
      ...aggregateItems(this.tableName, tracking, delta),
    ];
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: items }));
        return 'added';
      } catch (err) {
        if (!(err instanceof TransactionCanceledException)) throw err;
        const codes = (err.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
        if (codes[0] === 'ConditionalCheckFailed') return 'already';
        if (codes[1] === 'ConditionalCheckFailed') return 'changed';
        const conflictOnly = codes.every((c) => c === 'None' || c === 'TransactionConflict');
        if (!conflictOnly || attempt >= CONFLICT_ATTEMPTS) throw err;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
      }
    }
  }

  async moveStatusKeys(c: Case): Promise<boolean> {
    const ix = INDEXES.casesByStatus;
    const old = INDEXES.byStatus;
    // The keys exactly as every case write derives them.
    const item = caseToItem(c);
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: caseKey(c.tracking),
          UpdateExpression: 'SET #pk = :pk, #sk = :sk REMOVE #opk, #osk',
          ConditionExpression: 'version = :v AND attribute_not_exists(#pk)',
          ExpressionAttributeNames: {
            '#pk': ix.partitionKey,
            '#sk': ix.sortKey,
            '#opk': old.partitionKey,
            '#osk': old.sortKey,
          },
          ExpressionAttributeValues: { ':pk': item[ix.partitionKey], ':sk': item[ix.sortKey], ':v': c.version },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }
}
