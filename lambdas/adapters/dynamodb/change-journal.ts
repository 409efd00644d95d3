import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { hourOf } from '../../core/audit-manifest';
import type { ChangeJournal } from '../../core/ports';
import type { TrackingNumber } from '../../core/tracking-number';

/**
 * Which cases' audit chains moved in which hour: `CHG#<YYYY-MM-DDTHH>` / `<tracking>`, written in the same
 * transaction as the events (case-repository.ts), so the hourly manifest misses no change. One partition
 * an hour takes a few writes a second even in a surge; the items expire after {@link JOURNAL_TTL_DAYS}.
 */
export const JOURNAL_TTL_DAYS = 14;

export const journalKey = (at: Date, tracking: TrackingNumber) => ({ PK: `CHG#${hourOf(at)}`, SK: tracking });

/** The journal item for a change with events committed at `at`; `ttlAttribute` is the table's TTL attribute. */
export function journalItem(at: Date, tracking: TrackingNumber, ttlAttribute: string): Record<string, unknown> {
  return {
    ...journalKey(at, tracking),
    itemType: 'change',
    [ttlAttribute]: Math.floor(at.getTime() / 1000) + JOURNAL_TTL_DAYS * 86400,
  };
}

export class DynamoChangeJournal implements ChangeJournal {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async changedIn(hour: string): Promise<TrackingNumber[]> {
    const out: TrackingNumber[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :p',
          ExpressionAttributeValues: { ':p': `CHG#${hour}` },
          ProjectionExpression: 'SK',
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const i of page.Items ?? []) out.push(String(i.SK) as TrackingNumber);
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }
}
