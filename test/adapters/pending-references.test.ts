import { DynamoCaseRepository } from '../../lambdas/adapters/dynamodb/case-repository';
import { pendingReferencesContract } from '../contracts/pending-references.contract';
import { createTestEnv, type TestEnv } from '../support/local-env';

let t: TestEnv;
afterAll(() => t?.dispose());

pendingReferencesContract('DynamoDB Local', async () => {
  t = await createTestEnv();
  return new DynamoCaseRepository(t.clients.doc, t.resources.tableName);
});
