import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NoticeSchema, type Notice } from '../../core/notice';
import type { NoticeStore } from '../../core/ports';
import { listLiveItems, softDeleteUpdate } from './live-items';

const NOTICE_PK = 'NOTICE';
const AUDIT_PK = 'NOTICE#AUDIT';

/**
 * Notices on the single table: one item per notice (PK `NOTICE`, SK `<id>`), so listing them is one
 * query on one small partition. Every declaration and deletion also writes an audit record
 * (PK `NOTICE#AUDIT`, SK `<at>#<id>#<action>`) in the same transaction: who told customers what, and when.
 * Deleting is soft (see live-items.ts): the item keeps the notice, and lists skip it.
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
            { Update: softDeleteUpdate(this.live(), id, actor, this.now().toISOString()) },
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
    const notices = await listLiveItems(this.db, this.live());
    return notices.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  }

  private live() {
    return { tableName: this.tableName, pk: NOTICE_PK, attribute: 'notice', schema: NoticeSchema };
  }
}
