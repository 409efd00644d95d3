import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SendWindowStore } from '../../core/send-budget';

/**
 * One item per one-second window of the send budget, under its own key prefix (nothing else in the
 * table starts with `SENDBUDGET#`), removed by TTL a minute later.
 */
export const sendWindowKey = (second: number) => ({ PK: `SENDBUDGET#${second}`, SK: 'WINDOW' });

/** Windows are only ever read for the next few seconds; TTL removes them after this. */
const WINDOW_TTL_SECONDS = 60;

/**
 * The send budget's windows in DynamoDB: each take is one conditional UpdateItem (`taken < limit`), so
 * any number of concurrent mailer invocations share one budget without a lock or a read first. Taking
 * a place above the ones whose instant passed is a second conditional update that moves the counter
 * forward (`taken < from`); both are atomic, so no place is ever handed out twice.
 */
export class DynamoSendWindowStore implements SendWindowStore {
  /** `ttlAttribute`: the table's TTL attribute (lambdas/adapters/dynamodb/table-schema.ts, passed in by the composition root). */
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly ttlAttribute: string,
  ) {}

  async take(second: number, limit: number, from: number): Promise<number | undefined> {
    if (from >= limit) return undefined;
    const ttl = second + WINDOW_TTL_SECONDS;
    if (from > 0) {
      // Skip the passed places: only while the counter is still below them.
      const jumped = await this.update({
        UpdateExpression: 'SET taken = :next, #ttl = :ttl',
        ConditionExpression: 'attribute_not_exists(taken) OR taken < :from',
        ExpressionAttributeNames: { '#ttl': this.ttlAttribute },
        ExpressionAttributeValues: { ':next': from + 1, ':from': from, ':ttl': ttl },
        Key: sendWindowKey(second),
      });
      if (jumped !== undefined) return jumped - 1;
    }
    const taken = await this.update({
      UpdateExpression: 'ADD taken :one SET #ttl = :ttl',
      ConditionExpression: 'attribute_not_exists(taken) OR taken < :limit',
      ExpressionAttributeNames: { '#ttl': this.ttlAttribute },
      ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': ttl },
      Key: sendWindowKey(second),
    });
    return taken === undefined ? undefined : taken - 1;
  }

  async taken(second: number): Promise<number> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: sendWindowKey(second), ConsistentRead: true }),
    );
    return Number(out.Item?.taken ?? 0);
  }

  /** The counter after a successful conditional update, or undefined when the condition failed. */
  private async update(
    input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName' | 'ReturnValues'>,
  ): Promise<number | undefined> {
    try {
      const out = await this.db.send(
        new UpdateCommand({ ...input, TableName: this.tableName, ReturnValues: 'UPDATED_NEW' }),
      );
      return Number(out.Attributes?.taken);
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return undefined;
      throw err;
    }
  }
}
