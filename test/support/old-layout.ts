import {
  BatchWriteCommand,
  GetCommand,
  ScanCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { TrackingNumber } from '../../lambdas/core/tracking-number';

/**
 * Tables as the release before the sharded status index and the report counters left them
 * (docs/scale-migration.md), made from cases the application wrote: the case items go back to the old
 * status index, the counters go.
 */

/** Every item of a table, a page at a time. */
export async function* scanAll(
  db: DynamoDBDocumentClient,
  table: string,
  filter?: { readonly expression: string; readonly values: Record<string, unknown> },
): AsyncIterable<Record<string, unknown>> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: table,
        ConsistentRead: true,
        ExclusiveStartKey: start,
        ...(filter ? { FilterExpression: filter.expression, ExpressionAttributeValues: filter.values } : {}),
      }),
    );
    yield* page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

/** One case item as the old release wrote it: `GSI2PK = STATUS#<status>`, no sharded status keys. */
export async function caseToOldLayout(
  db: DynamoDBDocumentClient,
  table: string,
  tracking: TrackingNumber,
): Promise<void> {
  const out = await db.send(
    new GetCommand({ TableName: table, Key: { PK: `CASE#${tracking}`, SK: 'META' }, ConsistentRead: true }),
  );
  if (!out.Item) throw new Error(`no case ${tracking} in ${table}`);
  await oldCaseItem(db, table, out.Item);
}

/** Every case item back to the old status index, and every report counter deleted. */
export async function tableToOldLayout(db: DynamoDBDocumentClient, table: string): Promise<void> {
  const doomed: Record<string, unknown>[] = [];
  for await (const item of scanAll(db, table)) {
    const pk = String(item.PK);
    if (pk.startsWith('AGG#')) doomed.push({ PK: item.PK, SK: item.SK });
    else if (pk.startsWith('CASE#') && item.SK === 'META') await oldCaseItem(db, table, item);
  }
  await batchWrite(
    db,
    table,
    doomed.map((Key) => ({ DeleteRequest: { Key } })),
  );
}

async function oldCaseItem(db: DynamoDBDocumentClient, table: string, item: Record<string, unknown>): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: { PK: item.PK, SK: item.SK },
      UpdateExpression: 'SET GSI2PK = :pk, GSI2SK = :sk REMOVE STATUSPK, STATUSSK',
      ExpressionAttributeValues: {
        ':pk': `STATUS#${String(item.status)}`,
        ':sk': `${String(item.createdAt)}#${String(item.tracking)}`,
      },
    }),
  );
}

/** Copies every item of `from` into `to` (a stand-in for a point-in-time restore). */
export async function copyTable(db: DynamoDBDocumentClient, from: string, to: string): Promise<void> {
  const puts: Record<string, unknown>[] = [];
  for await (const item of scanAll(db, from)) puts.push({ PutRequest: { Item: item } });
  await batchWrite(db, to, puts);
}

async function batchWrite(
  db: DynamoDBDocumentClient,
  table: string,
  requests: Record<string, unknown>[],
): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending: Record<string, unknown>[] | undefined = requests.slice(i, i + 25);
    while (pending?.length) {
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending as never } }));
      pending = out.UnprocessedItems?.[table] as Record<string, unknown>[] | undefined;
    }
  }
}
