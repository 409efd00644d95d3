import { GetObjectRetentionCommand } from '@aws-sdk/client-s3';
import { S3BlobStore } from '../../lambdas/adapters/s3-blob-store';
import { blobStoreContract } from '../contracts/blob-store.contract';
import { createTestEnv, type TestEnv } from '../support/local-env';

let t: TestEnv;
beforeAll(async () => {
  t = await createTestEnv();
});
afterAll(() => t.dispose());

describe('S3BlobStore.retain against the local S3 (with Object Lock)', () => {
  it('is idempotent and never tries to shorten a longer retention already in place', async () => {
    const long = new S3BlobStore(t.clients.s3, t.resources.bucket, { retentionDays: 30 });
    const short = new S3BlobStore(t.clients.s3, t.resources.bucket, { retentionDays: 10 });
    await long.put('inbound/a', 'raw', 'message/rfc822');

    const first = await long.retain('inbound/a');
    const again = await long.retain('inbound/a');
    const shorter = await short.retain('inbound/a'); // COMPLIANCE would refuse the shorter date: not attempted

    expect(again).toEqual(first);
    expect(shorter).toEqual(first);
    const got = await t.clients.s3.send(
      new GetObjectRetentionCommand({ Bucket: t.resources.bucket, Key: 'inbound/a' }),
    );
    expect(got.Retention).toEqual({ Mode: 'COMPLIANCE', RetainUntilDate: first });
  });

  it('refuses a retention period that is not a positive whole number of days', () => {
    expect(() => new S3BlobStore(t.clients.s3, 'b', { retentionDays: 0 })).toThrow(/retentionDays/);
    expect(() => new S3BlobStore(t.clients.s3, 'b', { retentionDays: 1.5 })).toThrow(/retentionDays/);
  });
});

blobStoreContract('S3 emulator with Object Lock', () => ({
  make: (o) => new S3BlobStore(t.clients.s3, t.resources.bucket, o),
  now: () => new Date(),
}));
