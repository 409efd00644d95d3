import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AckCounters } from '../../core/ports';
import { counterKey } from './keys';

/**
 * The acknowledgement budget's counters as conditional updates in the case table: one item per window
 * (`COUNT#ACKMIN#<minute>`, `COUNT#ACKDAY#<day>#<address>`), removed by the table's TTL. The condition makes
 * the check and the increment one atomic step, so concurrent intake instances never overshoot a limit.
 */
export class DynamoAckCounters implements AckCounters {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** The table's TTL attribute (epoch seconds), given by the composition root that owns the schema. */
    private readonly ttlAttribute: string,
  ) {}

  async take(key: string, limit: number, expiresAt: Date): Promise<boolean> {
    if (limit <= 0) return false;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: counterKey(key),
          UpdateExpression: 'ADD n :one SET #ttl = if_not_exists(#ttl, :e)',
          ConditionExpression: 'attribute_not_exists(n) OR n < :limit',
          ExpressionAttributeNames: { '#ttl': this.ttlAttribute },
          ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':e': Math.floor(expiresAt.getTime() / 1000) },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }
}
