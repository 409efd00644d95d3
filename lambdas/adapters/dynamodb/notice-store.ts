import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NoticeSchema, type Notice } from '../../core/notice';
import type { NoticeStore } from '../../core/ports';

const NOTICE_PK = 'NOTICE';
const AUDIT_PK = 'NOTICE#AUDIT';

/**
 * Notices on the single table: one item per notice (PK `NOTICE`, SK `<id>`), so listing them is one
 * query on one small partition. Every declaration and deletion also writes an audit record
 * (PK `NOTICE#AUDIT`, SK `<at>#<id>#<action>`) in the same transaction: who told customers what, and when.
 * Deleting is soft: the item keeps the notice and gains `deletedAt`/`deletedBy`, and lists skip it. So
 * the API function needs no `DeleteItem` on the table of records, and what customers were told stays.
 */
export class DynamoNoticeStore implements NoticeStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private audit(action: 'declared' | 'deleted', id: string, actor: string, notice?: Notice) {
    const at = this.now().toISOString();
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          PK: AUDIT_PK,
          SK: `${at}#${id}#${action}`,
          itemType: 'notice_audit',
          at,
          action,
          noticeId: id,
          actor,
          ...(notice ? { notice } : {}),
        },
      },
    };
  }

  async put(notice: Notice, actor: string): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: { PK: NOTICE_PK, SK: notice.id, itemType: 'notice', notice } } },
          this.audit('declared', notice.id, actor, notice),
        ],
      }),
    );
  }

  async delete(id: string, actor: string): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: { PK: NOTICE_PK, SK: id },
                UpdateExpression: 'SET deletedAt = :at, deletedBy = :actor',
                ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(deletedAt)',
                ExpressionAttributeValues: { ':at': this.now().toISOString(), ':actor': actor },
              },
            },
            this.audit('deleted', id, actor),
          ],
        }),
      );
      return true;
    } catch (err) {
      if (
        err instanceof TransactionCanceledException &&
        err.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      )
        return false;
      throw err;
    }
  }

  async list(): Promise<Notice[]> {
    const out: Notice[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': NOTICE_PK },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        if (item.deletedAt !== undefined) continue;
        // A malformed item (hand-edited table) is skipped rather than breaking every acknowledgement.
        const parsed = NoticeSchema.safeParse(item.notice);
        if (parsed.success) out.push(parsed.data);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return out.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  }
}
