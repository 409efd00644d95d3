import { GetObjectRetentionCommand, S3Client } from '@aws-sdk/client-s3';
import { BlobTooLargeError } from '../../lambdas/core/errors';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/local-aws';
import { S3BlobStore } from '../../lambdas/adapters/s3-blob-store';
import { blobStoreContract } from '../contracts/blob-store.contract';
import { createTestEnv, type TestEnv } from '../support/local-env';

let t: TestEnv;
beforeAll(async () => {
  t = await createTestEnv();
});
afterAll(() => t.dispose());

describe('S3BlobStore.getRetained against the local S3 (with Object Lock)', () => {
  it('is idempotent and never tries to shorten a longer retention already in place', async () => {
    const long = new S3BlobStore(t.clients.s3, t.resources.bucket, { retentionDays: 30 });
    const short = new S3BlobStore(t.clients.s3, t.resources.bucket, { retentionDays: 10 });
    await long.put('inbound/a', 'raw', 'message/rfc822');

    const first = (await long.getRetained('inbound/a')).retainUntil;
    const again = (await long.getRetained('inbound/a')).retainUntil;
    const shorter = (await short.getRetained('inbound/a')).retainUntil; // COMPLIANCE would refuse the shorter date: not attempted

    expect(again).toEqual(first);
    expect(shorter).toEqual(first);
    const got = await t.clients.s3.send(
      new GetObjectRetentionCommand({ Bucket: t.resources.bucket, Key: 'inbound/a' }),
    );
    expect(got.Retention).toEqual({ Mode: 'COMPLIANCE', RetainUntilDate: first });
  });

  it('reads and locks with one GetObject and one PutObjectRetention, and with the GetObject alone once locked', async () => {
    const { s3, sent } = countingS3();
    const store = new S3BlobStore(s3, t.resources.bucket, { retentionDays: 30 });
    await store.put('inbound/count', 'raw', 'message/rfc822');
    sent.length = 0;

    const first = await store.getRetained('inbound/count');
    const firstRequests = sent.splice(0);
    const again = await store.getRetained('inbound/count');

    expect(firstRequests.sort()).toEqual(['GetObjectCommand', 'PutObjectRetentionCommand']);
    expect(sent).toEqual(['GetObjectCommand']);
    expect(again).toEqual(first);
    s3.destroy();
  });

  it('refuses an object over the limit, and still locks it', async () => {
    const store = new S3BlobStore(t.clients.s3, t.resources.bucket, { retentionDays: 30 });
    await store.put('inbound/large', Buffer.alloc(2 * 1024 * 1024, 'x'), 'message/rfc822');

    await expect(store.getRetained('inbound/large', { maxBytes: 1024 })).rejects.toBeInstanceOf(BlobTooLargeError);

    const got = await t.clients.s3.send(
      new GetObjectRetentionCommand({ Bucket: t.resources.bucket, Key: 'inbound/large' }),
    );
    expect(got.Retention?.Mode).toBe('COMPLIANCE');
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

/** A client of its own that records the command of every request it sends. */
function countingS3(): { s3: S3Client; sent: string[] } {
  const s3 = new S3Client({
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    endpoint: t.endpoints.s3,
    forcePathStyle: true,
  });
  const sent: string[] = [];
  s3.middlewareStack.add(
    (next, context) => (args) => {
      sent.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  return { s3, sent };
}
