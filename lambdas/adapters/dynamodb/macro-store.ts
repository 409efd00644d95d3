import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ConcurrencyError } from '../../core/errors';
import { MacroSchema, type Macro } from '../../core/macro';
import type { MacroStore } from '../../core/ports';

const MACRO_PK = 'MACRO';

/**
 * Macros on the single table: one item per macro (PK `MACRO`, SK `<id>`), a small partition listed in one
 * query. Writes are conditional on the version read; deleting is soft (`deletedAt`, `deletedBy`), so the
 * api function needs no `DeleteItem`.
 */
export class DynamoMacroStore implements MacroStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(macro: Macro, expectedVersion: number | null): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { PK: MACRO_PK, SK: macro.id, itemType: 'macro', macro },
          ...(expectedVersion === null
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : {
                ConditionExpression: 'macro.version = :v AND attribute_not_exists(deletedAt)',
                ExpressionAttributeValues: { ':v': expectedVersion },
              }),
        }),
      );
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException)
        throw new ConcurrencyError(`macro ${macro.id} changed meanwhile`, { cause: err });
      throw err;
    }
  }

  async get(id: string): Promise<Macro | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { PK: MACRO_PK, SK: id }, ConsistentRead: true }),
    );
    if (!out.Item || out.Item.deletedAt !== undefined) return undefined;
    const parsed = MacroSchema.safeParse(out.Item.macro);
    return parsed.success ? parsed.data : undefined;
  }

  async list(): Promise<Macro[]> {
    const out: Macro[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': MACRO_PK },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        if (item.deletedAt !== undefined) continue;
        // A malformed item (hand-edited table) is skipped rather than breaking the composer.
        const parsed = MacroSchema.safeParse(item.macro);
        if (parsed.success) out.push(parsed.data);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return out.sort((a, b) => a.language.localeCompare(b.language) || a.name.localeCompare(b.name));
  }

  async delete(id: string, actor: string, at: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { PK: MACRO_PK, SK: id },
          UpdateExpression: 'SET deletedAt = :at, deletedBy = :actor',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(deletedAt)',
          ExpressionAttributeValues: { ':at': at, ':actor': actor },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }
}
