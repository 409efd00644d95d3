import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConcurrencyError } from '../../core/errors';
import { MacroSchema, type Macro } from '../../core/macro';
import type { MacroStore } from '../../core/ports';
import { listLiveItems, softDeleteUpdate } from './live-items';

const MACRO_PK = 'MACRO';

/**
 * Macros on the single table: one item per macro (PK `MACRO`, SK `<id>`), a small partition listed in one
 * query. Writes are conditional on the version read; deleting is soft (see live-items.ts).
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
    const macros = await listLiveItems(this.db, this.live());
    return macros.sort((a, b) => a.language.localeCompare(b.language) || a.name.localeCompare(b.name));
  }

  private live() {
    return { tableName: this.tableName, pk: MACRO_PK, attribute: 'macro', schema: MacroSchema };
  }

  async delete(id: string, actor: string, at: string): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand(softDeleteUpdate(this.live(), id, actor, at)));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }
}
