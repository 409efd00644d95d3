import { DynamoCaseRepository } from '../../lambdas/adapters/dynamodb/case-repository';
import { caseRepositoryContract } from '../contracts/case-repository.contract';
import { createTestEnv, type TestEnv } from '../support/local-env';

let t: TestEnv;
afterAll(() => t?.dispose());

caseRepositoryContract('DynamoDB Local', async () => {
  t = await createTestEnv();
  return new DynamoCaseRepository(t.clients.doc, t.resources.tableName);
});
