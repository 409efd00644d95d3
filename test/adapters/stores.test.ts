import { DynamoConfigurationStore } from '../../lambdas/adapters/dynamodb/configuration-store';
import { DynamoMacroStore } from '../../lambdas/adapters/dynamodb/macro-store';
import { DynamoNoticeStore } from '../../lambdas/adapters/dynamodb/notice-store';
import { configurationStoreContract, macroStoreContract, noticeStoreContract } from '../contracts/stores.contract';
import { createTestEnv, type TestEnv } from '../support/local-env';

// One table for the file: the notice and macro suites use ids of their own, the configuration suite
// is the only writer of the CONFIG partition.
let t: TestEnv;
beforeAll(async () => {
  t = await createTestEnv();
});
afterAll(() => t?.dispose());

noticeStoreContract('DynamoDB Local', () => new DynamoNoticeStore(t.clients.doc, t.resources.tableName));
macroStoreContract('DynamoDB Local', () => new DynamoMacroStore(t.clients.doc, t.resources.tableName));
configurationStoreContract('DynamoDB Local', () => new DynamoConfigurationStore(t.clients.doc, t.resources.tableName));
