import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AccessRecord } from '../../core/access-log';
import { ValidationError } from '../../core/errors';
import type { AccessLog } from '../../core/ports';
import { decodeCursor, encodeCursor } from './cursor';

/** A listing spans at most this many daily partitions (bounds the queries one request makes). */
export const MAX_ACCESS_LIST_DAYS = 93;

interface Cursor {
  readonly day: string;
  readonly start?: Record<string, unknown>;
}

const dayOf = (iso: string): string => iso.slice(0, 10);
const nextDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);

/**
 * The access log on the single table, apart from every case's items: one partition per day
 * (PK `ACCESS#<yyyy-mm-dd>`), SK `<window>#<actor>#<action>#<target>`. The conditional put keeps the
 * first record of a window, so a console polling a case every few seconds writes one item per window.
 */
export class DynamoAccessLog implements AccessLog {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(entry: AccessRecord): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            PK: `ACCESS#${dayOf(entry.window)}`,
            SK: `${entry.window}#${entry.actor}#${entry.action}#${entry.target}`,
            itemType: 'access',
            ...entry,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async list(query: { from: string; to: string; limit: number; cursor?: string }) {
    if (Date.parse(query.to) - Date.parse(query.from) > MAX_ACCESS_LIST_DAYS * 86400_000)
      throw new ValidationError(`an access-log listing covers at most ${MAX_ACCESS_LIST_DAYS} days`);
    const at = query.cursor ? decodeCursor<Cursor>(query.cursor) : { day: dayOf(query.from) };
    const items: AccessRecord[] = [];
    let day = at.day;
    let start = at.start;
    const lastDay = dayOf(query.to);
    while (day <= lastDay && items.length < query.limit) {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': `ACCESS#${day}`, ':from': query.from, ':to': query.to },
          Limit: query.limit - items.length,
          ExclusiveStartKey: start,
        }),
      );
      for (const i of page.Items ?? []) {
        if (i.window >= query.to) continue;
        items.push({ at: i.at, actor: i.actor, action: i.action, target: i.target, window: i.window });
      }
      start = page.LastEvaluatedKey;
      if (!start) day = nextDay(day);
    }
    const more = day <= lastDay;
    return { items, ...(more ? { cursor: encodeCursor({ day, ...(start ? { start } : {}) } satisfies Cursor) } : {}) };
  }
}
