import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoExportJobStore } from '../../lambdas/adapters/dynamodb/export-job-store';
import { S3PartUploads } from '../../lambdas/adapters/s3-part-uploads';
import { exportJobStoreContract, partUploadsContract } from '../contracts/export-jobs.contract';
import { createTestEnv, type TestEnv } from '../support/local-env';

let t: TestEnv;
beforeAll(async () => {
  t = await createTestEnv();
});
afterAll(() => t.dispose());

exportJobStoreContract('DynamoDB Local', () => {
  const doc = DynamoDBDocumentClient.from(t.clients.dynamo, { marshallOptions: { removeUndefinedValues: true } });
  return new DynamoExportJobStore(doc, t.resources.tableName);
});

// The S3 emulator takes parts below S3's 5 MiB minimum, so the contract's parts are a line each.
partUploadsContract('S3 emulator with Object Lock', async () => ({
  uploads: new S3PartUploads(t.clients.s3, t.resources.bucket, 2557),
  read: async (key) => {
    const out = await t.clients.s3.send(new GetObjectCommand({ Bucket: t.resources.bucket, Key: key }));
    return Buffer.from(await out.Body!.transformToByteArray());
  },
}));
