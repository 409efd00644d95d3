import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ZodType } from 'zod';

/**
 * Small registries on the single table (notices, macros) keep one item per entry under one partition
 * key, the entry itself in one attribute, and delete softly (`deletedAt`, `deletedBy`): what customers
 * were told stays on record, and the API function needs no `DeleteItem` on the table of records.
 */
export interface LiveItems<T> {
  readonly tableName: string;
  /** The partition all entries share (`NOTICE`, `MACRO`). */
  readonly pk: string;
  /** The attribute holding the entry (`notice`, `macro`). */
  readonly attribute: string;
  readonly schema: ZodType<T>;
}

/**
 * Every live entry of the partition, page after page, read consistently so a write just acknowledged is
 * listed. A malformed item (a hand-edited table) is skipped rather than breaking every reader.
 */
export async function listLiveItems<T>(db: DynamoDBDocumentClient, spec: LiveItems<T>): Promise<T[]> {
  const out: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: spec.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': spec.pk },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      if (item.deletedAt !== undefined) continue;
      const parsed = spec.schema.safeParse(item[spec.attribute]);
      if (parsed.success) out.push(parsed.data);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** The soft delete of one live entry; its condition fails when the entry is missing or already deleted. */
export function softDeleteUpdate(
  spec: Pick<LiveItems<unknown>, 'tableName' | 'pk'>,
  id: string,
  actor: string,
  at: string,
) {
  return {
    TableName: spec.tableName,
    Key: { PK: spec.pk, SK: id },
    UpdateExpression: 'SET deletedAt = :at, deletedBy = :actor',
    ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(deletedAt)',
    ExpressionAttributeValues: { ':at': at, ':actor': actor },
  };
}
