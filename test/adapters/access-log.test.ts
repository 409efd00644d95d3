import { DynamoAccessLog } from '../../lambdas/adapters/dynamodb/access-log';
import { accessLogContract } from '../contracts/access-log.contract';
import { createTestEnv, type TestEnv } from '../support/local-env';

let t: TestEnv;
afterAll(() => t?.dispose());

accessLogContract('DynamoDB Local', async () => {
  t = await createTestEnv();
  return new DynamoAccessLog(t.clients.doc, t.resources.tableName);
});
