import { DynamoCaseRepository } from '../../lambdas/adapters/dynamodb/case-repository';
import { DynamoChangeJournal } from '../../lambdas/adapters/dynamodb/change-journal';
import { S3ManifestStore } from '../../lambdas/adapters/s3-manifest-store';
import { changeJournalContract } from '../contracts/change-journal.contract';
import { manifestStoreContract } from '../contracts/manifest-store.contract';
import { createTestEnv, type TestEnv } from '../support/local-env';

let t: TestEnv;
beforeAll(async () => {
  t = await createTestEnv();
});
afterAll(() => t?.dispose());

manifestStoreContract('S3 with Object Lock', () => new S3ManifestStore(t.clients.s3, t.resources.bucket, 2557));
changeJournalContract('DynamoDB Local', (now) => ({
  repo: new DynamoCaseRepository(t.clients.doc, t.resources.tableName, now),
  journal: new DynamoChangeJournal(t.clients.doc, t.resources.tableName),
}));
