import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { ConfigurationChange, ConfigurationRecord, ConfigurationStore } from '../../core/ports';

const CURRENT = { PK: 'CONFIG', SK: 'CURRENT' };

/**
 * Policy and template versions on the single table: CONFIG/CURRENT holds the active one; each change is
 * CONFIG/CHANGE#<at>; a complaint-handling change also carries a regulator-notice reminder, listed through
 * the byStatus index under REGNOTICE until it is acknowledged.
 */
export class DynamoConfigurationStore implements ConfigurationStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async current(): Promise<ConfigurationRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: CURRENT, ConsistentRead: true }));
    if (!out.Item) return undefined;
    const { PK: _p, SK: _s, ...rest } = out.Item;
    return rest as ConfigurationRecord;
  }

  async record(change: ConfigurationChange, expected: ConfigurationRecord | undefined): Promise<boolean> {
    const condition = expected
      ? {
          ConditionExpression: 'policyVersion = :p AND templatesVersion = :t',
          ExpressionAttributeValues: { ':p': expected.policyVersion, ':t': expected.templatesVersion },
        }
      : { ConditionExpression: 'attribute_not_exists(PK)' };
    const reminder = change.regulatorNoticeDueAt
      ? { GSI2PK: 'REGNOTICE', GSI2SK: `${change.regulatorNoticeDueAt}#${change.at}` }
      : {};
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: { ...CURRENT, ...change.to }, ...condition } },
            {
              Put: {
                TableName: this.tableName,
                Item: { PK: 'CONFIG', SK: `CHANGE#${change.at}`, itemType: 'config_change', ...change, ...reminder },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ],
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof TransactionCanceledException) return false;
      throw err;
    }
  }

  async listChanges(limit: number): Promise<ConfigurationChange[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :c)',
        ExpressionAttributeValues: { ':pk': 'CONFIG', ':c': 'CHANGE#' },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map(strip);
  }

  async dueRegulatorNotices(before: string): Promise<ConfigurationChange[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byStatus',
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK <= :b',
        ExpressionAttributeValues: { ':pk': 'REGNOTICE', ':b': `${before}#\uffff` },
      }),
    );
    return (out.Items ?? []).map(strip);
  }
}

function strip(item: Record<string, unknown>): ConfigurationChange {
  const { PK: _p, SK: _s, itemType: _t, GSI2PK: _g, GSI2SK: _k, ...rest } = item;
  return rest as unknown as ConfigurationChange;
}
