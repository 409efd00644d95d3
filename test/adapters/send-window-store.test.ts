import { DynamoSendWindowStore } from '../../lambdas/adapters/dynamodb/send-window-store';
import { TTL_ATTRIBUTE } from '../../lambdas/adapters/dynamodb/table-schema';
import { sendWindowStoreContract } from '../contracts/send-window-store.contract';
import { createTestEnv, type TestEnv } from '../support/local-env';

let t: TestEnv;
afterAll(() => t?.dispose());

sendWindowStoreContract('DynamoDB Local', async () => {
  t = await createTestEnv();
  return new DynamoSendWindowStore(t.clients.doc, t.resources.tableName, TTL_ATTRIBUTE);
});
